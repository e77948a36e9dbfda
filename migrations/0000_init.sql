CREATE TABLE "article_links" (
	"integration_id" uuid NOT NULL,
	"finago_product_id" integer NOT NULL,
	"article_number" text NOT NULL,
	"ongoing_article_system_id" integer,
	"supplier_id" integer,
	"content_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "article_links_integration_id_finago_product_id_pk" PRIMARY KEY("integration_id","finago_product_id")
);
--> statement-breakpoint
CREATE TABLE "finago_sessions" (
	"integration_id" uuid PRIMARY KEY NOT NULL,
	"session_sealed" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"finago_base_url" text NOT NULL,
	"ongoing_base_url" text NOT NULL,
	"goods_owner_id" integer NOT NULL,
	"credentials_sealed" text NOT NULL,
	"settings" jsonb NOT NULL,
	"webhook_secret_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_links" (
	"integration_id" uuid NOT NULL,
	"finago_order_id" integer NOT NULL,
	"finago_customer_id" integer,
	"order_number" text NOT NULL,
	"ongoing_order_id" integer,
	"content_hash" text NOT NULL,
	"import_status_set_at" timestamp with time zone,
	"shipped_ongoing_status" integer,
	"shipped_reported_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_links_integration_id_finago_order_id_pk" PRIMARY KEY("integration_id","finago_order_id")
);
--> statement-breakpoint
CREATE TABLE "retry_items" (
	"integration_id" uuid NOT NULL,
	"process" text NOT NULL,
	"entity" text NOT NULL,
	"source_id" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"last_run_id" uuid,
	"last_item_id" bigint,
	"last_error_class" text,
	"last_message" text,
	"dead_lettered" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retry_items_integration_id_process_entity_source_id_pk" PRIMARY KEY("integration_id","process","entity","source_id")
);
--> statement-breakpoint
CREATE TABLE "supplier_links" (
	"integration_id" uuid NOT NULL,
	"finago_company_id" integer NOT NULL,
	"supplier_info" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"sent_hash" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "supplier_links_integration_id_finago_company_id_pk" PRIMARY KEY("integration_id","finago_company_id")
);
--> statement-breakpoint
CREATE TABLE "sync_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"process" text NOT NULL,
	"entity" text NOT NULL,
	"source_id" text NOT NULL,
	"target_id" text,
	"action" text NOT NULL,
	"error_class" text,
	"message" text,
	"detail" jsonb,
	"dead_lettered" boolean DEFAULT false NOT NULL,
	"replayed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"integration_id" uuid NOT NULL,
	"process" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"full_resync" boolean DEFAULT false NOT NULL,
	"dry_run" boolean DEFAULT false NOT NULL,
	"scope" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"cursor_before" timestamp with time zone,
	"cursor_after" timestamp with time zone,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"calls" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "sync_state" (
	"integration_id" uuid NOT NULL,
	"process" text NOT NULL,
	"cursor" timestamp with time zone,
	"last_enqueued_at" timestamp with time zone,
	"last_succeeded_at" timestamp with time zone,
	"last_full_sweep_at" timestamp with time zone,
	"consecutive_failures" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "sync_state_integration_id_process_pk" PRIMARY KEY("integration_id","process")
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"integration_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"event_id" bigint NOT NULL,
	"payload" jsonb NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"deliveries" integer DEFAULT 1 NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone,
	"run_id" uuid,
	"error" text
);
--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finago_sessions" ADD CONSTRAINT "finago_sessions_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_links" ADD CONSTRAINT "order_links_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retry_items" ADD CONSTRAINT "retry_items_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_links" ADD CONSTRAINT "supplier_links_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_items" ADD CONSTRAINT "sync_items_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_items" ADD CONSTRAINT "sync_items_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_state" ADD CONSTRAINT "sync_state_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_events" ADD CONSTRAINT "webhook_events_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_links_number_idx" ON "article_links" USING btree ("integration_id","article_number");--> statement-breakpoint
CREATE UNIQUE INDEX "integrations_goods_owner_uq" ON "integrations" USING btree ("ongoing_base_url","goods_owner_id");--> statement-breakpoint
CREATE INDEX "order_links_ongoing_idx" ON "order_links" USING btree ("integration_id","ongoing_order_id");--> statement-breakpoint
CREATE INDEX "sync_items_run_idx" ON "sync_items" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "sync_items_source_idx" ON "sync_items" USING btree ("integration_id","process","source_id");--> statement-breakpoint
CREATE INDEX "sync_runs_integration_idx" ON "sync_runs" USING btree ("integration_id","process","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "webhook_events_event_uq" ON "webhook_events" USING btree ("integration_id","kind","event_id");