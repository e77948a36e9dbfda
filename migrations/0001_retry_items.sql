CREATE TABLE "retry_items" (
	"integration_id" uuid NOT NULL,
	"process" text NOT NULL,
	"source_id" text NOT NULL,
	"attempts" integer DEFAULT 1 NOT NULL,
	"last_run_id" uuid,
	"last_item_id" bigint,
	"last_error_class" text,
	"last_message" text,
	"dead_lettered" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retry_items_integration_id_process_source_id_pk" PRIMARY KEY("integration_id","process","source_id")
);
--> statement-breakpoint
ALTER TABLE "retry_items" ADD CONSTRAINT "retry_items_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;