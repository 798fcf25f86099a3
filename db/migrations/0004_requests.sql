CREATE TABLE `request_activity` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` text NOT NULL,
	`kind` text NOT NULL,
	`transition` text,
	`from_state` text,
	`to_state` text,
	`actor` text NOT NULL,
	`comment` text,
	`at` text NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `request_activity_request_idx` ON `request_activity` (`request_id`,`id`);--> statement-breakpoint
CREATE TABLE `request_notices` (
	`request_id` text NOT NULL,
	`notice` text NOT NULL,
	`sent_at` text NOT NULL,
	PRIMARY KEY(`request_id`, `notice`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `request_pauses` (
	`request_id` text NOT NULL,
	`from` text NOT NULL,
	`to` text,
	PRIMARY KEY(`request_id`, `from`),
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `requests` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`state` text NOT NULL,
	`paused_from` text,
	`filed_at` text NOT NULL,
	`filed_by` text NOT NULL,
	`requester_kind` text,
	`period_days` integer NOT NULL,
	`assignee_member_id` text,
	`details` text NOT NULL,
	`confidential` text NOT NULL,
	`eligibility` text,
	`revalidate_at` text,
	`linked_dataset_id` text,
	`linked_proposal_id` text,
	`answered_at` text,
	`closed_at` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `requests_type_state_idx` ON `requests` (`type`,`state`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` text NOT NULL
);
