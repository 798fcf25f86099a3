CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`key` text NOT NULL,
	`payload` text NOT NULL,
	`created_at` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text NOT NULL,
	`delivered_at` text,
	`remote_id` text,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_channel_key_idx` ON `outbox` (`channel`,`key`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`channel`,`delivered_at`,`id`);--> statement-breakpoint
CREATE TABLE `maintenance_runs` (
	`name` text PRIMARY KEY NOT NULL,
	`ran_at` text NOT NULL,
	`details` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `api_tokens` ADD `run_ids` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `training_runs` ADD `registered_by_token` text;--> statement-breakpoint
ALTER TABLE `request_activity` ADD `comment_salt` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `filed_digest_salt` text;--> statement-breakpoint
CREATE INDEX `requests_filed_idx` ON `requests` (`filed_at`,`id`);--> statement-breakpoint
CREATE INDEX `proposals_opened_idx` ON `proposals` (`opened_at`,`id`);