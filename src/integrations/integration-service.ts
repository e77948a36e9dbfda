// The integration registry: create, read, update and delete integrations, with their
// credentials sealed and their settings validated against the product's rules.
import { BadRequestError, ConflictError, NotFoundError } from "../errors.js";
import type { IntegrationDal, IntegrationRow } from "./integration-dal.js";
import {
  DEFAULT_SETTINGS, findSettingsProblems, mergeSettings, type IntegrationSettings, type SettingsPatch,
} from "./integration-settings.js";
import {
  DEFAULT_FINAGO_BASE_URL, type CreateIntegrationInput, type IntegrationCredentials, type IntegrationViewModel,
  type UpdateIntegrationInput,
} from "./integration-types.js";
import { generateWebhookSecret, hashWebhookSecret, type SecretBox } from "./secret-box.js";

export interface IntegrationServiceDeps {
  dal: Pick<IntegrationDal, "insert" | "list" | "findById" | "update" | "delete" | "forgetFinagoSession">;
  secretBox: SecretBox;
  /** Base URL Ongoing reaches this bridge at, for the webhook URL. */
  publicUrl: string;
  /** In production the two APIs are only spoken to over https. */
  requireHttps?: boolean;
}

/** An integration as the sync code needs it, credentials opened. Never serialised to a client. */
export interface ResolvedIntegration {
  id: string;
  name: string;
  enabled: boolean;
  finagoBaseUrl: string;
  ongoingBaseUrl: string;
  goodsOwnerId: number;
  settings: IntegrationSettings;
  credentials: IntegrationCredentials;
  webhookSecretHash: string;
}

export function createIntegrationService({ dal, secretBox, publicUrl, requireHttps = false }: IntegrationServiceDeps) {
  function checkBaseUrls(input: { finago?: { baseUrl?: string }; ongoing?: { baseUrl?: string } }) {
    if (!requireHttps) return;
    for (const system of ["finago", "ongoing"] as const) {
      const url = input[system]?.baseUrl;
      if (url && !url.startsWith("https://")) throw new BadRequestError(`${system}.baseUrl`, "must be an https URL in production");
    }
  }

  const toView = (row: IntegrationRow): IntegrationViewModel => ({
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    finago: { baseUrl: row.finagoBaseUrl },
    ongoing: { baseUrl: row.ongoingBaseUrl, goodsOwnerId: row.goodsOwnerId },
    settings: readSettings(row),
    webhookUrl: `${publicUrl.replace(/\/$/, "")}/webhooks/ongoing/${row.id}`,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });

  async function mustFind(id: string): Promise<IntegrationRow> {
    const row = await dal.findById(id);
    if (!row) throw new NotFoundError(`integration ${id}`);
    return row;
  }

  return {
    async create(input: CreateIntegrationInput) {
      checkBaseUrls(input);
      const settings = validatedSettings(DEFAULT_SETTINGS, input.settings);
      const credentials: IntegrationCredentials = {
        finago: {
          username: input.finago.username,
          password: input.finago.password,
          applicationId: input.finago.applicationId,
          ...(input.finago.identityId ? { identityId: input.finago.identityId } : {}),
        },
        ongoing: { username: input.ongoing.username, password: input.ongoing.password },
      };
      const webhookSecret = generateWebhookSecret();
      const row = await withConflictMapped(() =>
        dal.insert({
          name: input.name,
          enabled: input.enabled ?? true,
          finagoBaseUrl: stripSlash(input.finago.baseUrl ?? DEFAULT_FINAGO_BASE_URL),
          ongoingBaseUrl: stripSlash(input.ongoing.baseUrl),
          goodsOwnerId: input.ongoing.goodsOwnerId,
          credentialsSealed: secretBox.seal(credentials),
          settings,
          webhookSecretHash: hashWebhookSecret(webhookSecret),
        }),
      );
      return { ...toView(row), webhookSecret };
    },

    async list(): Promise<IntegrationViewModel[]> {
      return (await dal.list()).map(toView);
    },

    async get(id: string): Promise<IntegrationViewModel> {
      return toView(await mustFind(id));
    },

    async update(id: string, input: UpdateIntegrationInput): Promise<IntegrationViewModel> {
      const row = await mustFind(id);
      checkBaseUrls(input);
      // Stored credentials never follow a base URL to a new host unless they are given again.
      if (input.finago?.baseUrl && stripSlash(input.finago.baseUrl) !== row.finagoBaseUrl && !input.finago.password) {
        throw new BadRequestError("finago.password", "is required when finago.baseUrl changes");
      }
      if (input.ongoing?.baseUrl && stripSlash(input.ongoing.baseUrl) !== row.ongoingBaseUrl && !input.ongoing.password) {
        throw new BadRequestError("ongoing.password", "is required when ongoing.baseUrl changes");
      }
      const settings = input.settings ? validatedSettings(readSettings(row), input.settings) : undefined;
      const credentialsChanged = Boolean(
        input.finago?.username || input.finago?.password || input.finago?.applicationId || input.finago?.identityId ||
          input.ongoing?.username || input.ongoing?.password,
      );
      let credentialsSealed: string | undefined;
      if (credentialsChanged) {
        const current = secretBox.open<IntegrationCredentials>(row.credentialsSealed);
        const { baseUrl: _f, ...finago } = input.finago ?? {};
        const { baseUrl: _o, goodsOwnerId: _g, ...ongoing } = input.ongoing ?? {};
        credentialsSealed = secretBox.seal({
          finago: { ...current.finago, ...finago },
          ongoing: { ...current.ongoing, ...ongoing },
        });
      }
      const updated = await withConflictMapped(() =>
        dal.update(id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
          ...(input.finago?.baseUrl ? { finagoBaseUrl: stripSlash(input.finago.baseUrl) } : {}),
          ...(input.ongoing?.baseUrl ? { ongoingBaseUrl: stripSlash(input.ongoing.baseUrl) } : {}),
          ...(input.ongoing?.goodsOwnerId ? { goodsOwnerId: input.ongoing.goodsOwnerId } : {}),
          ...(settings ? { settings } : {}),
          ...(credentialsSealed ? { credentialsSealed } : {}),
        }),
      );
      if (!updated) throw new NotFoundError(`integration ${id}`);
      if (credentialsChanged || input.finago?.baseUrl) await dal.forgetFinagoSession(id);
      return toView(updated);
    },

    async remove(id: string): Promise<void> {
      if (!(await dal.delete(id))) throw new NotFoundError(`integration ${id}`);
    },

    /** Issues a new webhook secret; the old one stops working at once. */
    async rotateWebhookSecret(id: string): Promise<{ webhookUrl: string; webhookSecret: string }> {
      const webhookSecret = generateWebhookSecret();
      const row = await dal.update(id, { webhookSecretHash: hashWebhookSecret(webhookSecret) });
      if (!row) throw new NotFoundError(`integration ${id}`);
      return { webhookUrl: toView(row).webhookUrl, webhookSecret };
    },

    async resolve(id: string): Promise<ResolvedIntegration | undefined> {
      const row = await dal.findById(id);
      return row && resolveRow(row, secretBox);
    },

    async resolveAll(): Promise<ResolvedIntegration[]> {
      return (await dal.list()).map((row) => resolveRow(row, secretBox));
    },
  };
}
export type IntegrationService = ReturnType<typeof createIntegrationService>;

function resolveRow(row: IntegrationRow, secretBox: SecretBox): ResolvedIntegration {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled,
    finagoBaseUrl: row.finagoBaseUrl,
    ongoingBaseUrl: row.ongoingBaseUrl,
    goodsOwnerId: row.goodsOwnerId,
    settings: readSettings(row),
    credentials: secretBox.open<IntegrationCredentials>(row.credentialsSealed),
    webhookSecretHash: row.webhookSecretHash,
  };
}

/** Settings stored before a newer setting existed get that setting's default. */
function readSettings(row: IntegrationRow): IntegrationSettings {
  return mergeSettings(DEFAULT_SETTINGS, row.settings as SettingsPatch);
}

function validatedSettings(base: IntegrationSettings, patch: SettingsPatch | undefined): IntegrationSettings {
  const settings = mergeSettings(base, patch);
  const [problem] = findSettingsProblems(settings);
  if (problem) throw new BadRequestError(problem.field, problem.message);
  return settings;
}

const stripSlash = (url: string) => url.replace(/\/+$/, "");

async function withConflictMapped<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    // drizzle wraps the driver's error; PostgreSQL's unique_violation is 23505.
    const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    if (code === "23505") {
      throw new ConflictError("another integration already serves this Ongoing goods owner", "ongoing.goodsOwnerId");
    }
    throw err;
  }
}
