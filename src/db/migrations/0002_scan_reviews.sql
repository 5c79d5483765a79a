CREATE TABLE `scan_reviews` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`survey_version` text NOT NULL,
	`batch_id` integer NOT NULL,
	`serial` text NOT NULL,
	`answers` text NOT NULL,
	`items` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`resolved_at` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `scan_reviews_batch` ON `scan_reviews` (`batch_id`);--> statement-breakpoint
CREATE INDEX `scan_reviews_serial` ON `scan_reviews` (`survey_id`,`serial`);