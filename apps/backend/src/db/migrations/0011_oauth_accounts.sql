CREATE TABLE "oauth_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenancy_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"provider_config_id" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"email" text,
	"allow_sign_in" boolean DEFAULT true NOT NULL,
	"allow_connected_accounts" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_provider_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenancy_id" uuid NOT NULL,
	"oauth_account_id" uuid NOT NULL,
	"access_token" text NOT NULL,
	"refresh_token" text,
	"scopes" text[] NOT NULL,
	"access_token_expires_at" timestamp with time zone,
	"refresh_refused_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "oauth_accounts" ADD CONSTRAINT "oauth_accounts_tenancy_id_tenancies_id_fk" FOREIGN KEY ("tenancy_id") REFERENCES "public"."tenancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_accounts" ADD CONSTRAINT "oauth_accounts_user_id_project_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."project_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_provider_tokens" ADD CONSTRAINT "oauth_provider_tokens_tenancy_id_tenancies_id_fk" FOREIGN KEY ("tenancy_id") REFERENCES "public"."tenancies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oauth_provider_tokens" ADD CONSTRAINT "oauth_provider_tokens_oauth_account_id_oauth_accounts_id_fk" FOREIGN KEY ("oauth_account_id") REFERENCES "public"."oauth_accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "oauth_accounts_user_idx" ON "oauth_accounts" USING btree ("tenancy_id","user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_accounts_sign_in_unique" ON "oauth_accounts" USING btree ("tenancy_id","provider_config_id","provider_account_id") WHERE "oauth_accounts"."allow_sign_in";--> statement-breakpoint
CREATE UNIQUE INDEX "oauth_accounts_user_account_unique" ON "oauth_accounts" USING btree ("tenancy_id","user_id","provider_config_id","provider_account_id");--> statement-breakpoint
CREATE INDEX "oauth_provider_tokens_account_idx" ON "oauth_provider_tokens" USING btree ("tenancy_id","oauth_account_id","created_at");