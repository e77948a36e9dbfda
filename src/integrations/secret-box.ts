// AES-256-GCM sealing of credentials and sessions at rest, and hashing of webhook secrets.
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";

const VERSION = "v1";

export interface SecretBox {
  seal(value: unknown): string;
  open<T>(sealed: string): T;
}

/** `keyHex` is SECRET_KEY: 32 random bytes as 64 hex characters. */
export function createSecretBox(keyHex: string): SecretBox {
  const key = Buffer.from(keyHex, "hex");
  if (key.length !== 32) throw new Error("SECRET_KEY must be 32 bytes written as 64 hex characters");
  return {
    seal(value) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
      return [VERSION, iv.toString("base64"), cipher.getAuthTag().toString("base64"), body.toString("base64")].join(".");
    },
    open<T>(sealed: string): T {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || !body) throw new Error("sealed value has an unknown format");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64"));
      decipher.setAuthTag(Buffer.from(tag, "base64"));
      const text = Buffer.concat([decipher.update(Buffer.from(body, "base64")), decipher.final()]).toString("utf8");
      return JSON.parse(text) as T;
    },
  };
}

/** Webhook secrets are 32 random bytes, so a plain SHA-256 is enough to store them safely. */
export function hashWebhookSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function generateWebhookSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant-time check of a presented secret against the stored hash (a missing hash still costs the same). */
export function webhookSecretMatches(presented: string | undefined, storedHash: string | undefined): boolean {
  const a = Buffer.from(hashWebhookSecret(presented ?? ""), "hex");
  const b = Buffer.from(storedHash ?? "0".repeat(64), "hex");
  return a.length === b.length && timingSafeEqual(a, b) && presented !== undefined && storedHash !== undefined;
}

/** Constant-time comparison of two bearer tokens. */
export function tokensEqual(presented: string | undefined, expected: string): boolean {
  const a = createHash("sha256").update(presented ?? "").digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && presented !== undefined;
}
