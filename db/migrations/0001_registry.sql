CREATE TABLE `checkpoints` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`run_id` text,
	`step` integer NOT NULL,
	`tokens` integer,
	`digest` text NOT NULL,
	`uri` text,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `checkpoints_model_digest_idx` ON `checkpoints` (`model_id`,`digest`);--> statement-breakpoint
CREATE INDEX `checkpoints_run_idx` ON `checkpoints` (`run_id`,`step`);--> statement-breakpoint
CREATE TABLE `model_families` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `models` (
	`id` text PRIMARY KEY NOT NULL,
	`family_id` text NOT NULL,
	`version` text NOT NULL,
	`name` text NOT NULL,
	`status` text NOT NULL,
	`parameters` integer,
	`architecture` text,
	`context_window` integer,
	`licence` text,
	`languages` text NOT NULL,
	`cycle` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`family_id`) REFERENCES `model_families`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `models_family_version_idx` ON `models` (`family_id`,`version`);--> statement-breakpoint
CREATE TABLE `training_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`report_id` text NOT NULL,
	`kind` text NOT NULL,
	`step` integer NOT NULL,
	`at` text NOT NULL,
	`message` text,
	FOREIGN KEY (`run_id`) REFERENCES `training_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_events_run_idx` ON `training_events` (`run_id`,`at`);--> statement-breakpoint
CREATE TABLE `training_metrics` (
	`run_id` text NOT NULL,
	`step` integer NOT NULL,
	`at` text NOT NULL,
	`tokens_seen` integer NOT NULL,
	`loss` real,
	`throughput` real,
	PRIMARY KEY(`run_id`, `step`),
	FOREIGN KEY (`run_id`) REFERENCES `training_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `training_reports` (
	`run_id` text NOT NULL,
	`report_id` text NOT NULL,
	`at` text NOT NULL,
	`step` integer NOT NULL,
	`digest` text NOT NULL,
	`received_at` text NOT NULL,
	PRIMARY KEY(`run_id`, `report_id`),
	FOREIGN KEY (`run_id`) REFERENCES `training_runs`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `training_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`model_id` text NOT NULL,
	`cycle` text,
	`hpc_system` text NOT NULL,
	`state` text NOT NULL,
	`step` integer DEFAULT 0 NOT NULL,
	`total_steps` integer,
	`tokens_seen` integer DEFAULT 0 NOT NULL,
	`tokens_target` integer,
	`loss` real,
	`throughput` real,
	`last_report_at` text,
	`last_report_id` text,
	`started_at` text,
	`completed_at` text,
	`is_demo` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`model_id`) REFERENCES `models`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_runs_model_idx` ON `training_runs` (`model_id`);--> statement-breakpoint
CREATE TABLE `collection_datasets` (
	`collection_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`name` text NOT NULL,
	`url` text,
	`huggingface` text,
	`catalogue` text,
	`annotations` text NOT NULL,
	`source` text,
	`release` text,
	`digest` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`collection_id`, `dataset_id`),
	FOREIGN KEY (`collection_id`) REFERENCES `collections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collection_datasets_dataset_idx` ON `collection_datasets` (`dataset_id`);--> statement-breakpoint
CREATE TABLE `collection_parts` (
	`collection_id` text NOT NULL,
	`dataset_id` text NOT NULL,
	`part` text NOT NULL,
	`path` text NOT NULL,
	`language` text,
	`weight` real NOT NULL,
	`source` text,
	`release` text,
	`source_tokens` integer,
	`release_tokens` integer,
	`digest` text NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`collection_id`, `dataset_id`, `part`),
	FOREIGN KEY (`collection_id`,`dataset_id`) REFERENCES `collection_datasets`(`collection_id`,`dataset_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `collection_parts_language_idx` ON `collection_parts` (`collection_id`,`language`);--> statement-breakpoint
CREATE TABLE `collections` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`date_label` text,
	`tokenizer` text,
	`settings` text NOT NULL,
	`warnings` text NOT NULL,
	`digest` text NOT NULL,
	`imported_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `dataset_cards` (
	`dataset_id` text PRIMARY KEY NOT NULL,
	`licence` text,
	`licence_source` text,
	`redistributable` integer,
	`content` text NOT NULL,
	`language` text,
	`note` text,
	`content_digest` text NOT NULL,
	`archived_at` text,
	`updated_at` text NOT NULL
);
