CREATE TABLE `ballots` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`proposal_id` text NOT NULL,
	`member_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`option` text NOT NULL,
	`binding` integer NOT NULL,
	`reason` text,
	`channel` text NOT NULL,
	`cast_at` text NOT NULL,
	`invalidated_at` text,
	`salt` text,
	`commitment` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ballots_id_unique` ON `ballots` (`id`);--> statement-breakpoint
CREATE INDEX `ballots_proposal_idx` ON `ballots` (`proposal_id`,`organization_id`);--> statement-breakpoint
CREATE TABLE `concerns` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`member_id` text NOT NULL,
	`organization_id` text NOT NULL,
	`raised_at` text NOT NULL,
	`resolved_at` text,
	`resolved_by` text,
	`resolution` text,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `concerns_proposal_idx` ON `concerns` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `delegations` (
	`id` text PRIMARY KEY NOT NULL,
	`from_organization_id` text NOT NULL,
	`to_organization_id` text NOT NULL,
	`kind` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_until` text,
	`revoked_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `delegations_from_idx` ON `delegations` (`from_organization_id`,`kind`);--> statement-breakpoint
CREATE TABLE `proposal_reminders` (
	`proposal_id` text NOT NULL,
	`hours_before` integer NOT NULL,
	`sent_at` text NOT NULL,
	PRIMARY KEY(`proposal_id`, `hours_before`),
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`subject` text NOT NULL,
	`policy` text NOT NULL,
	`electorate` text NOT NULL,
	`state` text NOT NULL,
	`outcome` text,
	`opened_at` text NOT NULL,
	`min_close_at` text NOT NULL,
	`closes_at` text NOT NULL,
	`closed_at` text,
	`opened_by` text NOT NULL,
	`tally` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `proposals_state_idx` ON `proposals` (`state`,`closes_at`);