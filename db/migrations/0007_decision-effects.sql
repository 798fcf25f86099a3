CREATE TABLE `decision_effects` (
	`proposal_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`outcome` text NOT NULL,
	`effect` text NOT NULL,
	`subject_ref` text NOT NULL,
	`details` text NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `proposals`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `decision_effects_subject_idx` ON `decision_effects` (`subject_ref`,`at`);