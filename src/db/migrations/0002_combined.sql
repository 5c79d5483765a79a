CREATE TABLE `data_versions` (
	`name` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `quality_flags` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`response_id` integer,
	`serial` text,
	`province` text,
	`batch_id` integer,
	`score` real NOT NULL,
	`evidence` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`note` text,
	`decided_by` integer,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `quality_flags_subject` ON `quality_flags` (`survey_id`,`kind`,`subject`);--> statement-breakpoint
CREATE INDEX `quality_flags_list` ON `quality_flags` (`survey_id`,`status`,`province`);--> statement-breakpoint
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
CREATE INDEX `scan_reviews_serial` ON `scan_reviews` (`survey_id`,`serial`);--> statement-breakpoint
ALTER TABLE `batches` ADD `scope` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `started_at` integer;