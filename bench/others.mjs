/**
 * The general-purpose engines a user could pick instead: DuckDB (native, via
 * its Node API) and Arquero (JavaScript dataframes), loaded once with the
 * engine's final state and asked the three core queries of the side-by-side.
 *
 * Tables (one row per store row, nothing pre-filtered):
 *   contents(kind UTINYINT 0 post / 1 reply, status UTINYINT 1 = published, space INT, author INT, day INT = creation day)
 *   votes(state UTINYINT = cast 1 | retracted 2, day INT = cast day, voter INT)
 *   spaces(id INT, name VARCHAR)
 *
 * Queries over [start, end] (day numbers, inclusive):
 *   daily   posts and replies per creation day of counted (published) content
 *   active  distinct members: authors of counted content ∪ voters of live votes (state 1: cast, not retracted)
 *   spaces  per space: posts, replies, distinct contributors, ordered by posts + replies desc, name, id
 */
import { DuckDBDataChunk, DuckDBInstance } from '@duckdb/node-api';
import * as aq from 'arquero';

const { op } = aq;

/** Copies of the store's typed-array columns, cut to their row counts. */
export function finalState(store) {
  const nc = store.contents.size;
  const nv = store.votes.size;
  const ns = store.spaces.size;
  return {
    contents: {
      kind: store.contentKind.data.slice(0, nc),
      status: store.status.data.slice(0, nc),
      space: store.contentSpace.data.slice(0, nc),
      author: store.contentAuthor.data.slice(0, nc),
      day: store.createdDay.data.slice(0, nc),
    },
    votes: {
      state: store.voteState.data.slice(0, nv),
      day: store.castDay.data.slice(0, nv),
      voter: store.voteVoter.data.slice(0, nv),
    },
    spaces: {
      id: Int32Array.from({ length: ns }, (_, i) => i),
      name: store.spaceName.slice(0, ns),
    },
  };
}

// ---------------------------------------------------------------- DuckDB

const DDL = {
  contents: 'CREATE TABLE contents (kind UTINYINT, status UTINYINT, space INTEGER, author INTEGER, day INTEGER)',
  votes: 'CREATE TABLE votes (state UTINYINT, day INTEGER, voter INTEGER)',
  spaces: 'CREATE TABLE spaces (id INTEGER, name VARCHAR)',
};

const SQL = {
  daily: `SELECT day,
      (count(*) FILTER (WHERE kind = 0))::INTEGER AS posts,
      (count(*) FILTER (WHERE kind = 1))::INTEGER AS replies
    FROM contents WHERE status = 1 AND day BETWEEN $1 AND $2
    GROUP BY day ORDER BY day`,
  active: `SELECT count(*)::INTEGER AS active FROM (
      SELECT author AS m FROM contents WHERE status = 1 AND day BETWEEN $1 AND $2
      UNION
      SELECT voter AS m FROM votes WHERE state = 1 AND day BETWEEN $1 AND $2)`,
  spaces: `SELECT c.space, s.name,
      (count(*) FILTER (WHERE c.kind = 0))::INTEGER AS posts,
      (count(*) FILTER (WHERE c.kind = 1))::INTEGER AS replies,
      count(DISTINCT c.author)::INTEGER AS contributors
    FROM contents c JOIN spaces s ON s.id = c.space
    WHERE c.status = 1 AND c.day BETWEEN $1 AND $2
    GROUP BY c.space, s.name
    ORDER BY posts + replies DESC, s.name, c.space`,
};

const CHUNK = 2048;

async function appendColumns(connection, table, columns) {
  const appender = await connection.createAppender(table);
  const names = Object.keys(columns);
  const types = names.map((_, i) => appender.columnType(i));
  const rows = columns[names[0]].length;
  for (let start = 0; start < rows; start += CHUNK) {
    const end = Math.min(rows, start + CHUNK);
    const chunk = DuckDBDataChunk.create(types, end - start);
    names.forEach((name, i) => chunk.setColumnValues(i, Array.from(columns[name].slice(start, end))));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

export class DuckSide {
  static async create(state) {
    const side = new DuckSide();
    const started = performance.now();
    side.instance = await DuckDBInstance.create(':memory:');
    side.connection = await side.instance.connect();
    for (const [table, ddl] of Object.entries(DDL)) {
      await side.connection.run(ddl);
      await appendColumns(side.connection, table, state[table]);
    }
    side.statements = {};
    for (const [name, sql] of Object.entries(SQL)) side.statements[name] = await side.connection.prepare(sql);
    side.loadMs = performance.now() - started;
    const threads = await side.connection.runAndReadAll("SELECT current_setting('threads')::INTEGER, version()");
    [[side.threads, side.version]] = threads.getRows();
    return side;
  }

  async run(query, start, end) {
    const statement = this.statements[query];
    statement.bindInteger(1, start);
    statement.bindInteger(2, end);
    const reader = await statement.runAndReadAll();
    return reader.getRows();
  }

  /** The three answers in the shape `normalize` compares. */
  async daily(start, end) {
    return this.run('daily', start, end);
  }
  async active(start, end) {
    return (await this.run('active', start, end))[0][0];
  }
  async spaces(start, end) {
    return this.run('spaces', start, end);
  }

  close() {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

// ---------------------------------------------------------------- Arquero

export class ArqueroSide {
  static create(state) {
    const side = new ArqueroSide();
    const started = performance.now();
    side.contents = aq.table(state.contents);
    side.votes = aq.table(state.votes);
    side.spacesTable = aq.table({ id: state.spaces.id, name: state.spaces.name });
    side.loadMs = performance.now() - started;
    return side;
  }

  counted(start, end) {
    return this.contents.params({ start, end }).filter((d, $) => d.status === 1 && d.day >= $.start && d.day <= $.end);
  }

  daily(start, end) {
    const t = this.counted(start, end)
      .groupby('day')
      .rollup({ posts: (d) => op.sum(d.kind === 0 ? 1 : 0), replies: (d) => op.sum(d.kind === 1 ? 1 : 0) })
      .orderby('day');
    const day = t.array('day');
    const posts = t.array('posts');
    const replies = t.array('replies');
    return Array.from(day, (d, i) => [d, posts[i], replies[i]]);
  }

  active(start, end) {
    const authors = this.counted(start, end).select({ author: 'm' });
    const voters = this.votes
      .params({ start, end })
      .filter((d, $) => d.state === 1 && d.day >= $.start && d.day <= $.end)
      .select({ voter: 'm' });
    return authors.concat(voters).rollup({ n: op.distinct('m') }).get('n', 0);
  }

  spaces(start, end) {
    const t = this.counted(start, end)
      .groupby('space')
      .rollup({
        posts: (d) => op.sum(d.kind === 0 ? 1 : 0),
        replies: (d) => op.sum(d.kind === 1 ? 1 : 0),
        contributors: op.distinct('author'),
      })
      .join(this.spacesTable, ['space', 'id'])
      .orderby(aq.desc((d) => d.posts + d.replies), 'name', 'space');
    const space = t.array('space');
    const name = t.array('name');
    const posts = t.array('posts');
    const replies = t.array('replies');
    const contributors = t.array('contributors');
    return Array.from(space, (s, i) => [s, name[i], posts[i], replies[i], contributors[i]]);
  }
}

// ---------------------------------------------------------------- comparison

/** One engine's answers, in a canonical form: dense daily arrays, the active count, spaces keyed by row. */
export function canonical({ start, end, daily, active, spaces }) {
  const days = end - start + 1;
  const posts = new Array(days).fill(0);
  const replies = new Array(days).fill(0);
  for (const [day, p, r] of daily) {
    posts[day - start] = Number(p);
    replies[day - start] = Number(r);
  }
  const bySpace = {};
  for (const [space, , p, r, c] of spaces) bySpace[Number(space)] = [Number(p), Number(r), Number(c)];
  return { posts, replies, active: Number(active), spaces: bySpace };
}

/** The engine's RangeStats in the same form. */
export function canonicalStats(stats) {
  const bySpace = {};
  for (const s of stats.spaces) bySpace[s.space] = [s.posts, s.replies, s.contributors];
  return { posts: Array.from(stats.posts), replies: Array.from(stats.replies), active: stats.activeMembers, spaces: bySpace };
}
