import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface Certificate {
  key: string;
  cert: string;
}

/** Every host the simulator answers for; Chromium maps them all to 127.0.0.1. */
export const CERT_NAMES = ['*.zendesk.com', '*.freshdesk.com', '*.example.com', 'localhost'];

/** A fresh self-signed certificate (for CERT_NAMES and `extra` hosts) from the openssl CLI, made in a temp dir that is removed afterwards. */
export async function makeCertificate(extra: readonly string[] = []): Promise<Certificate> {
  const dir = await mkdtemp(join(tmpdir(), 'frontline-sim-cert-'));
  try {
    const config = join(dir, 'openssl.cnf');
    const san = [...[...CERT_NAMES, ...extra].map((n) => `DNS:${n}`), 'IP:127.0.0.1'].join(',');
    await writeFile(
      config,
      [
        '[req]',
        'distinguished_name = dn',
        'x509_extensions = ext',
        'prompt = no',
        '[dn]',
        'CN = Frontline helpdesk simulator',
        '[ext]',
        `subjectAltName = ${san}`,
        'basicConstraints = critical,CA:FALSE',
        'keyUsage = critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage = serverAuth',
        '',
      ].join('\n'),
    );
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '7',
      '-keyout',
      key,
      '-out',
      cert,
      '-config',
      config,
    ]);
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
