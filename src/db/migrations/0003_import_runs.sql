CREATE TABLE `import_runs` (
	`batch_id` integer PRIMARY KEY NOT NULL,
	`responses_after` integer NOT NULL,
	`conflicts_after` integer NOT NULL,
	`quarantine_after` integer NOT NULL,
	`new_batch` integer NOT NULL,
	`pid` integer NOT NULL,
	`started_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
