CREATE TABLE `access_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`batch_id` integer,
	`serial` text NOT NULL,
	`code_hash` text NOT NULL,
	`used_at` integer,
	`response_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `access_codes_code_hash_unique` ON `access_codes` (`code_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `access_codes_survey_serial` ON `access_codes` (`survey_id`,`serial`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`survey_id` text,
	`before` text,
	`after` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE TABLE `batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`province` text,
	`expected` integer,
	`received` integer,
	`requires_verification` integer DEFAULT false NOT NULL,
	`file_name` text,
	`file_hash` text,
	`status` text DEFAULT 'open' NOT NULL,
	`summary` text,
	`created_at` integer NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `batches_survey_name` ON `batches` (`survey_id`,`name`);--> statement-breakpoint
CREATE TABLE `conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`serial` text NOT NULL,
	`kind` text NOT NULL,
	`response_id` integer,
	`incoming_channel` text NOT NULL,
	`incoming_batch_id` integer,
	`incoming` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	`resolution` text,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`incoming_batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `conflicts_survey` ON `conflicts` (`survey_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`survey_id` text NOT NULL,
	`survey_version` text NOT NULL,
	`answers` text DEFAULT '{}' NOT NULL,
	`access_code_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`access_code_id`) REFERENCES `access_codes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `keying_disagreements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`serial` text NOT NULL,
	`variable` text NOT NULL,
	`first_value` text,
	`second_value` text,
	`resolved_value` text,
	`against_pass` integer,
	`resolved_by` integer,
	`resolved_at` integer,
	FOREIGN KEY (`resolved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `disagreements_serial` ON `keying_disagreements` (`survey_id`,`serial`);--> statement-breakpoint
CREATE TABLE `keying_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`survey_version` text NOT NULL,
	`batch_id` integer,
	`serial` text NOT NULL,
	`pass` integer NOT NULL,
	`enumerator_id` integer NOT NULL,
	`province` text,
	`codes` blob NOT NULL,
	`answer_values` text DEFAULT '{}' NOT NULL,
	`incomplete_reason` text,
	`fields_keyed` integer DEFAULT 0 NOT NULL,
	`started_at` integer NOT NULL,
	`saved_at` integer NOT NULL,
	`response_id` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`enumerator_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`response_id`) REFERENCES `responses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `keying_serial_pass` ON `keying_entries` (`survey_id`,`serial`,`pass`);--> statement-breakpoint
CREATE INDEX `keying_enumerator` ON `keying_entries` (`enumerator_id`);--> statement-breakpoint
CREATE TABLE `published_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`wave` text NOT NULL,
	`stamp` text NOT NULL,
	`results` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `published_survey_wave` ON `published_runs` (`survey_id`,`wave`);--> statement-breakpoint
CREATE TABLE `quarantine` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`batch_id` integer NOT NULL,
	`line` integer NOT NULL,
	`serial` text,
	`raw` text NOT NULL,
	`problems` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `quarantine_batch` ON `quarantine` (`batch_id`);--> statement-breakpoint
CREATE INDEX `quarantine_serial` ON `quarantine` (`survey_id`,`serial`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`survey_id` text NOT NULL,
	`survey_version` text NOT NULL,
	`serial` text,
	`channel` text NOT NULL,
	`status` text NOT NULL,
	`province` text,
	`district` text,
	`commune` text,
	`codes` blob NOT NULL,
	`answer_values` text DEFAULT '{}' NOT NULL,
	`incomplete_reason` text,
	`receipt` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`entered_by` integer,
	`batch_id` integer,
	`access_code_id` integer,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`batch_id`) REFERENCES `batches`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`access_code_id`) REFERENCES `access_codes`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `responses_survey_serial` ON `responses` (`survey_id`,`serial`) WHERE serial IS NOT NULL;--> statement-breakpoint
CREATE INDEX `responses_scan` ON `responses` (`survey_id`,`status`,`province`);--> statement-breakpoint
CREATE INDEX `responses_batch` ON `responses` (`batch_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `responses_receipt` ON `responses` (`receipt`) WHERE receipt IS NOT NULL;--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` integer NOT NULL,
	`csrf_secret` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `survey_versions` (
	`survey_id` text NOT NULL,
	`version` text NOT NULL,
	`status` text NOT NULL,
	`hash` text NOT NULL,
	`definition` text NOT NULL,
	`first_seen_at` integer NOT NULL,
	PRIMARY KEY(`survey_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`provinces` text DEFAULT '[]' NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`created_at` integer NOT NULL,
	`disabled_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);