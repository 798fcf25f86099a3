CREATE TABLE `model_cards` (
	`model_id` text PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`revision` text NOT NULL,
	`front_matter` text NOT NULL,
	`body` text NOT NULL,
	`is_example` integer DEFAULT false NOT NULL,
	`archived_at` text,
	`updated_at` text NOT NULL
);
