CREATE TABLE `organizations` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`legal_name` text,
	`country` text NOT NULL,
	`category` text NOT NULL,
	`type` text NOT NULL,
	`role` text,
	`website` text,
	`joined` text,
	`left` text,
	`ownership_control` text,
	`content_digest` text NOT NULL,
	`archived_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `organizations_category_idx` ON `organizations` (`category`);--> statement-breakpoint
CREATE TABLE `member_roles` (
	`member_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`member_id`, `role`),
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`display_name` text NOT NULL,
	`github_login` text,
	`discord_user_id` text,
	`organization_id` text NOT NULL,
	`is_demo` integer DEFAULT false NOT NULL,
	`content_digest` text NOT NULL,
	`archived_at` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `members_github_login_idx` ON `members` (`github_login`);--> statement-breakpoint
CREATE UNIQUE INDEX `members_discord_user_id_idx` ON `members` (`discord_user_id`);--> statement-breakpoint
CREATE INDEX `members_organization_idx` ON `members` (`organization_id`);--> statement-breakpoint
CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`secret_hash` text NOT NULL,
	`scopes` text NOT NULL,
	`member_id` text,
	`created_at` text NOT NULL,
	`created_by` text NOT NULL,
	`expires_at` text,
	`last_used_at` text,
	`revoked_at` text,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_secret_hash_idx` ON `api_tokens` (`secret_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_member_idx` ON `api_tokens` (`member_id`);--> statement-breakpoint
CREATE TABLE `languages` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`iso639_1` text,
	`group` text NOT NULL,
	`variants` text NOT NULL,
	`priority` integer NOT NULL,
	`content_digest` text NOT NULL,
	`archived_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `country_classes` (
	`country` text NOT NULL,
	`class` text NOT NULL,
	PRIMARY KEY(`country`, `class`)
);
--> statement-breakpoint
CREATE TABLE `policies` (
	`kind` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`definition` text NOT NULL,
	`content_digest` text NOT NULL,
	`archived_at` text,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `content_files` (
	`path` text PRIMARY KEY NOT NULL,
	`digest` text NOT NULL,
	`synced_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `ledger` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`type` text NOT NULL,
	`subject` text NOT NULL,
	`data` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ledger_subject_idx` ON `ledger` (`subject`);--> statement-breakpoint
CREATE INDEX `ledger_type_idx` ON `ledger` (`type`);