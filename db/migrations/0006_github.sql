CREATE TABLE `bot_cursors` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `external_requesters` (
	`id` text PRIMARY KEY NOT NULL,
	`github_id` integer,
	`github_login` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `external_requesters_github_id_unique` ON `external_requesters` (`github_id`);--> statement-breakpoint
CREATE TABLE `github_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`event` text NOT NULL,
	`action` text,
	`payload` text NOT NULL,
	`received_at` text NOT NULL,
	`duplicates` integer DEFAULT 0 NOT NULL,
	`state` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`applied_at` text,
	`outcome` text,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `github_deliveries_queue_idx` ON `github_deliveries` (`state`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `github_deliveries_seq_idx` ON `github_deliveries` (`seq`);--> statement-breakpoint
CREATE TABLE `github_effects` (
	`key` text PRIMARY KEY NOT NULL,
	`answer` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `github_issues` (
	`repository` text NOT NULL,
	`number` integer NOT NULL,
	`github_id` integer,
	`form` text,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`author_login` text NOT NULL,
	`author_id` integer,
	`state` text NOT NULL,
	`problems` text NOT NULL,
	`request_id` text,
	`proposal_id` text,
	`is_pull_request` integer DEFAULT false NOT NULL,
	`github_updated_at` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`repository`, `number`)
);
--> statement-breakpoint
CREATE INDEX `github_issues_request_idx` ON `github_issues` (`request_id`);--> statement-breakpoint
CREATE INDEX `github_issues_proposal_idx` ON `github_issues` (`proposal_id`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `dead_at` text;