// Throw-away certificates for TLS tests, made with the openssl CLI: a private CA and server
// certificates it signs (with chosen DNS/IP names), plus a self-signed one that no CA vouches for.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCa {
  certPem: string;
  /** A server certificate and key for the given names, signed by this CA (expired: valid only in January 2020). */
  issue(
    names: { dns?: string[]; ip?: string[] },
    options?: { expired?: boolean },
  ): { cert: string; key: string };
  dispose(): void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
}

export function createTestCa(name = 'Bizlens Test Root CA'): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'bizlens-ca-'));
  openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key']);
  openssl(dir, [
    'req',
    '-x509',
    '-new',
    '-key',
    'ca.key',
    '-sha256',
    '-days',
    '365',
    '-subj',
    `/CN=${name}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    'ca.pem',
  ]);
  let serial = 0;
  return {
    certPem: readFileSync(join(dir, 'ca.pem'), 'utf8'),
    issue({ dns = [], ip = [] }, { expired = false } = {}) {
      const n = ++serial;
      const san = [...dns.map((d) => `DNS:${d}`), ...ip.map((i) => `IP:${i}`)].join(',');
      writeFileSync(join(dir, `ext${n}.cnf`), `subjectAltName=${san}\nbasicConstraints=CA:FALSE\n`);
      openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `s${n}.key`]);
      openssl(dir, [
        'req',
        '-new',
        '-key',
        `s${n}.key`,
        '-subj',
        `/CN=${dns[0] ?? ip[0]}`,
        '-out',
        `s${n}.csr`,
      ]);
      if (expired) {
        // `x509 -days` cannot go back in time; `openssl ca` takes explicit dates.
        writeFileSync(
          join(dir, 'ca.cnf'),
          '[ca]\ndefault_ca=d\n[d]\ndatabase=index.txt\nnew_certs_dir=.\nserial=serial.txt\ndefault_md=sha256\npolicy=p\nunique_subject=no\n[p]\ncommonName=supplied\n',
        );
        writeFileSync(join(dir, 'index.txt'), '');
        writeFileSync(join(dir, 'serial.txt'), `${2000 + n}\n`);
        openssl(dir, [
          'ca',
          '-config',
          'ca.cnf',
          '-batch',
          '-notext',
          '-cert',
          'ca.pem',
          '-keyfile',
          'ca.key',
          '-in',
          `s${n}.csr`,
          '-out',
          `s${n}.pem`,
          '-startdate',
          '20200101000000Z',
          '-enddate',
          '20200201000000Z',
          '-extfile',
          `ext${n}.cnf`,
        ]);
        return {
          cert: readFileSync(join(dir, `s${n}.pem`), 'utf8'),
          key: readFileSync(join(dir, `s${n}.key`), 'utf8'),
        };
      }
      openssl(dir, [
        'x509',
        '-req',
        '-in',
        `s${n}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-set_serial',
        String(1000 + n),
        '-days',
        '90',
        '-sha256',
        '-extfile',
        `ext${n}.cnf`,
        '-out',
        `s${n}.pem`,
      ]);
      return {
        cert: readFileSync(join(dir, `s${n}.pem`), 'utf8'),
        key: readFileSync(join(dir, `s${n}.key`), 'utf8'),
      };
    },
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A self-signed server certificate (no CA): what an appliance with a default certificate shows. */
export function selfSigned(names: { dns?: string[]; ip?: string[] }): { cert: string; key: string } {
  const dir = mkdtempSync(join(tmpdir(), 'bizlens-self-'));
  try {
    const san = [...(names.dns ?? []).map((d) => `DNS:${d}`), ...(names.ip ?? []).map((i) => `IP:${i}`)];
    openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'k.key']);
    openssl(dir, [
      'req',
      '-x509',
      '-new',
      '-key',
      'k.key',
      '-sha256',
      '-days',
      '90',
      '-subj',
      '/CN=self-signed.test',
      '-addext',
      `subjectAltName=${san.join(',')}`,
      '-out',
      'c.pem',
    ]);
    return { cert: readFileSync(join(dir, 'c.pem'), 'utf8'), key: readFileSync(join(dir, 'k.key'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
