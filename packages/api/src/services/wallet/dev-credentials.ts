import { generateKeyPairSync, randomBytes } from "node:crypto";
import forge from "node-forge";

// Development stand-ins for Apple's and Google's signing material, generated once per process
// (never in production: readWalletEnv requires the real ones there). Keys come from node:crypto
// (fast); node-forge writes the X.509 certificates.

export interface TDevelopmentAppleCertificates {
  /** A self-signed CA in the role of Apple's WWDR intermediate. */
  wwdr: string;
  /** The "Pass Type ID" certificate it issued, and its key. */
  signerCert: string;
  signerKey: string;
}

const rsaKeyPair = () =>
  generateKeyPairSync("rsa", { modulusLength: 2048, publicKeyEncoding: { type: "spki", format: "pem" }, privateKeyEncoding: { type: "pkcs8", format: "pem" } });

function certificate(input: {
  subject: forge.pki.CertificateField[];
  issuer: forge.pki.CertificateField[];
  publicKeyPem: string;
  signingKeyPem: string;
  ca: boolean;
}): string {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(input.publicKeyPem);
  cert.serialNumber = `01${randomBytes(8).toString("hex")}`;
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 60 * 60 * 1_000);
  cert.validity.notAfter = new Date(now + 365 * 24 * 60 * 60 * 1_000);
  cert.setSubject(input.subject);
  cert.setIssuer(input.issuer);
  cert.setExtensions(
    input.ca
      ? [
          { name: "basicConstraints", cA: true },
          { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true },
        ]
      : [
          { name: "basicConstraints", cA: false },
          { name: "keyUsage", digitalSignature: true },
        ],
  );
  cert.sign(forge.pki.privateKeyFromPem(input.signingKeyPem), forge.md.sha256.create());
  return forge.pki.certificateToPem(cert);
}

let apple: TDevelopmentAppleCertificates | undefined;

/** The process's development WWDR stand-in and pass certificate (subject UID = pass type id, OU = team id, as Apple issues them). */
export function developmentAppleCertificates(passTypeId: string, teamId: string): TDevelopmentAppleCertificates {
  if (apple) return apple;
  const caKeys = rsaKeyPair();
  const signerKeys = rsaKeyPair();
  const caName: forge.pki.CertificateField[] = [
    { name: "commonName", value: "Marquee Development WWDR (not Apple)" },
    { name: "organizationName", value: "Marquee development" },
  ];
  const wwdr = certificate({ subject: caName, issuer: caName, publicKeyPem: caKeys.publicKey, signingKeyPem: caKeys.privateKey, ca: true });
  const signerCert = certificate({
    subject: [
      { type: "0.9.2342.19200300.100.1.1", value: passTypeId },
      { name: "commonName", value: `Pass Type ID: ${passTypeId}` },
      { name: "organizationalUnitName", value: teamId },
      { name: "organizationName", value: "Marquee development" },
    ],
    issuer: caName,
    publicKeyPem: signerKeys.publicKey,
    signingKeyPem: caKeys.privateKey,
    ca: false,
  });
  apple = { wwdr, signerCert, signerKey: signerKeys.privateKey };
  return apple;
}

let google: { privateKeyPem: string; publicKeyPem: string } | undefined;

/** The process's development service-account key (Google will not accept links signed with it). */
export function developmentGoogleKey(): { privateKeyPem: string; publicKeyPem: string } {
  if (!google) {
    const keys = rsaKeyPair();
    google = { privateKeyPem: keys.privateKey, publicKeyPem: keys.publicKey };
  }
  return google;
}
