import { existsSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresUnavailableError, startPostgresServer } from './postgres-server';

/** A zombie (exited, not yet reaped by its new parent) runs nothing, so it counts as gone. */
function isRunning(pid: number): boolean {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return false;
  const state = readFileSync(stat, 'utf8').split(') ')[1]?.[0];
  return state !== 'Z' && state !== 'X';
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('startPostgresServer', () => {
  it('starts a throwaway server that pg can use, and leaves nothing running after stop', async () => {
    const server = await startPostgresServer();
    expect(server.url).toBe(`postgres://postgres@127.0.0.1:${server.port}/postgres`);
    expect(isRunning(server.pid)).toBe(true);

    const client = new pg.Client({ connectionString: server.url });
    await client.connect();
    await client.query('create table t (amount bigint not null)');
    await client.query('insert into t values (2500), (100)');
    const { rows } = await client.query<{ sum: string }>('select sum(amount) from t');
    expect(rows[0]?.sum).toBe('2600');
    await client.end();

    await server.stop();
    expect(isRunning(server.pid)).toBe(false);
    expect(await portAnswers(server.port)).toBe(false);
    await server.stop();
  }, 60_000);

  it('says to install postgresql when the server binaries are missing', async () => {
    const start = startPostgresServer({ binDirs: ['/nonexistent/postgresql/bin'] });
    await expect(start).rejects.toBeInstanceOf(PostgresUnavailableError);
    await expect(start).rejects.toThrow(/apt-get install postgresql/);
  });
});
