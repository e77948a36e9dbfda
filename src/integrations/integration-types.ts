// API shapes of the integration registry. Credentials go in; they never come out.
import { Type, type Static } from "typebox";
import { SettingsPatchSchema, SettingsSchema } from "./integration-settings.js";

const Guid = Type.String({
  pattern: "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$",
  description: "A GUID, 8-4-4-4-12 hex digits",
});
const HttpUrl = Type.String({ pattern: "^https?://[^\\s]+$", maxLength: 500 });
const Secret = (description: string) => Type.String({ minLength: 1, maxLength: 500, description, writeOnly: true });

export const DEFAULT_FINAGO_BASE_URL = "https://api.24sevenoffice.com";

export const FinagoCredentialsInput = Type.Object(
  {
    baseUrl: Type.Optional({ ...HttpUrl, description: `Finago API base URL (default ${DEFAULT_FINAGO_BASE_URL})` }),
    username: Secret("Finago API user (an e-mail address)"),
    password: Secret("Finago API password"),
    applicationId: { ...Guid, description: "Finago ApplicationId of this integration" },
    identityId: Type.Optional({ ...Guid, description: "Finago IdentityId (which client); optional" }),
  },
  { additionalProperties: false },
);

export const OngoingCredentialsInput = Type.Object(
  {
    baseUrl: { ...HttpUrl, description: "https://api.ongoingsystems.se/{warehouse}/api/v1" },
    username: Secret("Ongoing API user"),
    password: Secret("Ongoing API password"),
    goodsOwnerId: Type.Integer({ minimum: 1, description: "Ongoing goods owner id" }),
  },
  { additionalProperties: false },
);

export const CreateIntegrationBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    enabled: Type.Optional(Type.Boolean()),
    finago: FinagoCredentialsInput,
    ongoing: OngoingCredentialsInput,
    settings: Type.Optional(SettingsPatchSchema),
  },
  { additionalProperties: false },
);
export type CreateIntegrationInput = Static<typeof CreateIntegrationBody>;

export const UpdateIntegrationBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    enabled: Type.Optional(Type.Boolean()),
    finago: Type.Optional(Type.Partial(FinagoCredentialsInput, { additionalProperties: false })),
    ongoing: Type.Optional(Type.Partial(OngoingCredentialsInput, { additionalProperties: false })),
    settings: Type.Optional(SettingsPatchSchema),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateIntegrationInput = Static<typeof UpdateIntegrationBody>;

export const IntegrationView = Type.Object({
  id: Type.String({ format: "uuid" }),
  name: Type.String(),
  enabled: Type.Boolean(),
  finago: Type.Object({ baseUrl: Type.String() }),
  ongoing: Type.Object({ baseUrl: Type.String(), goodsOwnerId: Type.Integer() }),
  settings: SettingsSchema,
  webhookUrl: Type.String({ description: "Where Ongoing's webhooks for this goods owner go" }),
  createdAt: Type.String({ format: "date-time" }),
  updatedAt: Type.String({ format: "date-time" }),
});
export type IntegrationViewModel = Static<typeof IntegrationView>;

export const CreatedIntegrationView = Type.Object({
  ...IntegrationView.properties,
  webhookSecret: Type.String({
    description: "Shown once: configure it in Ongoing as the webhook's X-Auth-Token header. Only a hash is stored.",
  }),
});

export const IntegrationIdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

/** What is sealed in integrations.credentials_sealed. */
export interface IntegrationCredentials {
  finago: { username: string; password: string; applicationId: string; identityId?: string };
  ongoing: { username: string; password: string };
}
