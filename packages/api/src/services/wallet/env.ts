import { allowsDevDefaults, createEnv, urlWith, type EnvSource } from "@marquee/config/env";
import { z } from "zod";
import { developmentAppleCertificates, developmentGoogleKey } from "./dev-credentials.ts";

// PEM blocks in one-line environment variables may carry their line breaks as "\n".
const pem = (label: string) =>
  z
    .string()
    .transform((value) => value.replace(/\\n/g, "\n").trim())
    .refine((value) => value.includes(`-----BEGIN`) && value.includes(`-----END`), { message: `must be a PEM block (${label})` });

/**
 * Development credentials are allowed in development and tests, and where
 * WALLET_DEVELOPMENT_CREDENTIALS=true says so: `npm start` and the e2e stack run the apps under
 * `next start` (NODE_ENV=production) and set it (.env.example); a deployment never should.
 */
export const walletDevelopmentAllowed = (source: EnvSource = process.env): boolean =>
  allowsDevDefaults(source) || ["1", "true", "yes"].includes((source.WALLET_DEVELOPMENT_CREDENTIALS ?? "").toLowerCase());

/**
 * Wallet settings. The signing material (Apple pass certificate, key and WWDR certificate; the
 * Google service account's key) and the ids have no default in production. Where development
 * credentials are allowed and they are unset, a development certificate and key are generated
 * once per process, so passes and save links work on a fresh clone (Wallet and Google accept
 * them only with real credentials). APNs and Google's REST API are optional: without them pass
 * changes are logged, not pushed.
 */
export function readWalletEnv(source: EnvSource = process.env) {
  const development = walletDevelopmentAllowed(source);
  const devOptional = <TSchema extends z.ZodType>(schema: TSchema) => (development ? schema.optional() : schema);
  const devDefault = <TSchema extends z.ZodType>(schema: TSchema, value: z.output<TSchema>) => (development ? schema.default(value as never) : schema);
  return createEnv(
    {
      WEB_URL: urlWith("http:", "https:").default("http://localhost:3000"),
      APPLE_PASS_TYPE_ID: devDefault(z.string().regex(/^pass\.[A-Za-z0-9.-]+$/, "must look like pass.com.example.tickets"), "pass.dev.marquee.ticket"),
      APPLE_TEAM_ID: devDefault(z.string().regex(/^[A-Z0-9]{10}$/, "must be Apple's 10-character team id"), "DEVTEAM000"),
      APPLE_PASS_CERT_PEM: devOptional(pem("the Pass Type ID certificate")),
      APPLE_PASS_KEY_PEM: devOptional(pem("the Pass Type ID certificate's private key")),
      APPLE_PASS_KEY_PASSPHRASE: z.string().optional(),
      APPLE_WWDR_PEM: devOptional(pem("Apple's WWDR intermediate certificate")),
      // APNs token authentication (.p8 key and its id). Unset: pass updates are not pushed.
      APPLE_APNS_KEY_PEM: pem("the APNs .p8 key").optional(),
      APPLE_APNS_KEY_ID: z
        .string()
        .regex(/^[A-Z0-9]{10}$/, "must be the APNs key's 10-character id")
        .optional(),
      APPLE_APNS_URL: urlWith("https:", "http:").default("https://api.push.apple.com"),
      GOOGLE_WALLET_ISSUER_ID: devDefault(z.string().regex(/^\d{1,25}$/, "must be the numeric issuer id"), "3388000000000000000"),
      GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL: devDefault(z.email(), "wallet-dev@marquee.invalid"),
      GOOGLE_WALLET_PRIVATE_KEY_PEM: devOptional(pem("the service account's private key")),
      GOOGLE_WALLET_API_URL: urlWith("https:", "http:").default("https://walletobjects.googleapis.com/walletobjects/v1"),
      GOOGLE_OAUTH_TOKEN_URL: urlWith("https:", "http:").default("https://oauth2.googleapis.com/token"),
    },
    source,
  );
}

export type TWalletEnv = ReturnType<typeof readWalletEnv>;

export interface TAppleSigning {
  passTypeId: string;
  teamId: string;
  signerCert: string;
  signerKey: string;
  signerKeyPassphrase?: string;
  wwdr: string;
  /** True when the certificate is the generated development one. */
  development: boolean;
}

export interface TApnsSettings {
  url: string;
  keyPem: string;
  keyId: string;
  teamId: string;
  topic: string;
}

export interface TGoogleWallet {
  issuerId: string;
  serviceAccountEmail: string;
  privateKeyPem: string;
  /** True when the key is the generated development one: links are built, Google's API is never called. */
  development: boolean;
  apiUrl: string;
  tokenUrl: string;
}

export interface TWalletSettings {
  webUrl: string;
  apple: TAppleSigning;
  /** null: no APNs key configured, pass changes are logged instead of pushed. */
  apns: TApnsSettings | null;
  google: TGoogleWallet;
}

/** The settings with the development credentials filled in where allowed (see readWalletEnv). */
export function walletSettingsFromEnv(env: TWalletEnv): TWalletSettings {
  const configured = env.APPLE_PASS_CERT_PEM && env.APPLE_PASS_KEY_PEM && env.APPLE_WWDR_PEM;
  const dev = configured ? null : developmentAppleCertificates(env.APPLE_PASS_TYPE_ID, env.APPLE_TEAM_ID);
  const apple: TAppleSigning = {
    passTypeId: env.APPLE_PASS_TYPE_ID,
    teamId: env.APPLE_TEAM_ID,
    signerCert: env.APPLE_PASS_CERT_PEM ?? dev!.signerCert,
    signerKey: env.APPLE_PASS_KEY_PEM ?? dev!.signerKey,
    signerKeyPassphrase: env.APPLE_PASS_KEY_PASSPHRASE,
    wwdr: env.APPLE_WWDR_PEM ?? dev!.wwdr,
    development: !configured,
  };
  const apns =
    env.APPLE_APNS_KEY_PEM && env.APPLE_APNS_KEY_ID
      ? { url: env.APPLE_APNS_URL, keyPem: env.APPLE_APNS_KEY_PEM, keyId: env.APPLE_APNS_KEY_ID, teamId: env.APPLE_TEAM_ID, topic: env.APPLE_PASS_TYPE_ID }
      : null;
  const googleKey = env.GOOGLE_WALLET_PRIVATE_KEY_PEM;
  const google: TGoogleWallet = {
    issuerId: env.GOOGLE_WALLET_ISSUER_ID,
    serviceAccountEmail: env.GOOGLE_WALLET_SERVICE_ACCOUNT_EMAIL,
    privateKeyPem: googleKey ?? developmentGoogleKey().privateKeyPem,
    development: !googleKey,
    apiUrl: env.GOOGLE_WALLET_API_URL.replace(/\/$/, ""),
    tokenUrl: env.GOOGLE_OAUTH_TOKEN_URL,
  };
  return { webUrl: env.WEB_URL.replace(/\/$/, ""), apple, apns, google };
}

let cached: TWalletSettings | undefined;

/** The process's wallet settings, read on first use (as the servers read their other secrets). */
export function walletSettings(): TWalletSettings {
  cached ??= walletSettingsFromEnv(readWalletEnv());
  return cached;
}
