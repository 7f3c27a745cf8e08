/**
 * The PostgreSQL schema, as ordered migrations. Each is applied once, in a transaction, and
 * recorded in `schema_migrations`; a released migration is never edited, only followed by a
 * new one. `s` is the already-quoted schema name, so one database can hold several
 * deployments (or one schema per test run).
 */
export interface Migration {
  version: number
  name: string
  sql: (s: string) => string
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'episodes and their child rows',
    sql: (s) => `
      CREATE TABLE ${s}.episodes (
        id               text PRIMARY KEY,
        feed_url         text,
        guid             text NOT NULL,
        title            text,
        published_at     timestamptz,
        schema_version   text NOT NULL,
        pipeline_version text NOT NULL,
        content_hash     char(64) NOT NULL,
        record           jsonb NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX episodes_feed_published ON ${s}.episodes (feed_url, published_at DESC);

      CREATE TABLE ${s}.speakers (
        episode_id  text NOT NULL REFERENCES ${s}.episodes (id) ON DELETE CASCADE,
        speaker_id  text NOT NULL,
        name        text,
        role        text NOT NULL,
        turn_count  integer NOT NULL,
        word_count  integer NOT NULL,
        PRIMARY KEY (episode_id, speaker_id)
      );
      CREATE INDEX speakers_name ON ${s}.speakers (name);

      CREATE TABLE ${s}.turns (
        episode_id  text NOT NULL REFERENCES ${s}.episodes (id) ON DELETE CASCADE,
        idx         integer NOT NULL,
        speaker_id  text NOT NULL,
        text        text NOT NULL,
        start_s     double precision,
        end_s       double precision,
        word_count  integer NOT NULL,
        PRIMARY KEY (episode_id, idx)
      );
      CREATE INDEX turns_speaker ON ${s}.turns (episode_id, speaker_id);

      CREATE TABLE ${s}.sections (
        episode_id  text NOT NULL REFERENCES ${s}.episodes (id) ON DELETE CASCADE,
        idx         integer NOT NULL,
        kind        text NOT NULL,
        language    text NOT NULL,
        text        text NOT NULL,
        PRIMARY KEY (episode_id, idx)
      );

      CREATE TABLE ${s}.entities (
        episode_id  text NOT NULL REFERENCES ${s}.episodes (id) ON DELETE CASCADE,
        entity_id   text NOT NULL,
        name        text NOT NULL,
        type        text NOT NULL,
        aliases     text[] NOT NULL,
        wikidata_id text,
        PRIMARY KEY (episode_id, entity_id)
      );
      CREATE INDEX entities_by_entity ON ${s}.entities (entity_id);
      CREATE INDEX entities_type ON ${s}.entities (type);

      -- "start"/"end" are offsets into the turn text; end is a reserved word, hence the suffix.
      CREATE TABLE ${s}.entity_mentions (
        episode_id   text NOT NULL,
        entity_id    text NOT NULL,
        turn         integer NOT NULL,
        start_offset integer NOT NULL,
        end_offset   integer NOT NULL,
        text         text NOT NULL,
        FOREIGN KEY (episode_id, entity_id) REFERENCES ${s}.entities (episode_id, entity_id) ON DELETE CASCADE
      );
      CREATE INDEX entity_mentions_by_entity ON ${s}.entity_mentions (entity_id, episode_id);
      CREATE INDEX entity_mentions_by_episode ON ${s}.entity_mentions (episode_id, entity_id);

      CREATE TABLE ${s}.claims (
        episode_id   text NOT NULL REFERENCES ${s}.episodes (id) ON DELETE CASCADE,
        claim_id     text NOT NULL,
        turn         integer NOT NULL,
        speaker_id   text NOT NULL,
        kind         text NOT NULL,
        hedged       boolean NOT NULL,
        topics       text[] NOT NULL,
        text         text NOT NULL,
        start_offset integer NOT NULL,
        end_offset   integer NOT NULL,
        confidence   double precision NOT NULL,
        quantities   jsonb NOT NULL,
        entity_ids   text[] NOT NULL,
        PRIMARY KEY (episode_id, claim_id)
      );
      CREATE INDEX claims_speaker_kind ON ${s}.claims (speaker_id, kind);
      CREATE INDEX claims_kind ON ${s}.claims (kind);
      CREATE INDEX claims_topics ON ${s}.claims USING GIN (topics);
      CREATE INDEX claims_entity_ids ON ${s}.claims USING GIN (entity_ids);
    `,
  },
  {
    version: 2,
    name: 'change log with a sequence number',
    // One row per record created or changed, written in the transaction that writes the record,
    // so the log and the episodes table can never disagree. A consumer resumes after the last
    // seq it read. Records already stored are logged as created, in the order they were last written.
    sql: (s) => `
      CREATE TABLE ${s}.changes (
        seq        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at         timestamptz NOT NULL DEFAULT now(),
        episode_id text NOT NULL,
        hash       char(64) NOT NULL,
        change     text NOT NULL CHECK (change IN ('created', 'updated'))
      );
      CREATE INDEX changes_episode ON ${s}.changes (episode_id, seq);
      INSERT INTO ${s}.changes (at, episode_id, hash, change)
        SELECT updated_at, id, content_hash, 'created' FROM ${s}.episodes ORDER BY updated_at, id;
    `,
  },
  {
    version: 3,
    name: 'query columns and indexes, claim check-worthiness',
    // What the query layer (src/query) filters, orders and counts by. Check-worthiness is optional
    // in the record (schema 1.x), so rows already stored take it from their record's JSONB; the
    // counts are kept on the parent rows so a page of summaries reads no child rows. Episodes
    // without a date sort last: their key is -infinity, in an expression index keyset pages use.
    sql: (s) => `
      ALTER TABLE ${s}.claims ADD COLUMN checkworthiness double precision, ADD COLUMN checkworthy boolean,
        ADD COLUMN text_search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED;
      UPDATE ${s}.claims c
        SET checkworthiness = (x->>'checkworthiness')::double precision, checkworthy = (x->>'checkworthy')::boolean
        FROM ${s}.episodes e, jsonb_array_elements(e.record->'claims') x
        WHERE c.episode_id = e.id AND x->>'id' = c.claim_id AND (x ? 'checkworthiness' OR x ? 'checkworthy');
      ALTER TABLE ${s}.episodes ADD COLUMN turn_count integer NOT NULL DEFAULT 0, ADD COLUMN claim_count integer NOT NULL DEFAULT 0;
      UPDATE ${s}.episodes SET
        turn_count = CASE jsonb_typeof(record->'turns') WHEN 'array' THEN jsonb_array_length(record->'turns') ELSE 0 END,
        claim_count = CASE jsonb_typeof(record->'claims') WHEN 'array' THEN jsonb_array_length(record->'claims') ELSE 0 END;
      ALTER TABLE ${s}.speakers ADD COLUMN claim_count integer NOT NULL DEFAULT 0;
      UPDATE ${s}.speakers sp SET claim_count = (SELECT count(*) FROM ${s}.claims c WHERE c.episode_id = sp.episode_id AND c.speaker_id = sp.speaker_id);
      CREATE INDEX claims_text_search ON ${s}.claims USING GIN (text_search);
      -- The exact ORDER BY of searchClaims' order=checkworthiness (unscored claims rank as -1), so a page walks the index.
      CREATE INDEX claims_checkworthiness ON ${s}.claims ((coalesce(checkworthiness, -1)) DESC, episode_id, claim_id);
      CREATE INDEX episodes_newest ON ${s}.episodes ((coalesce(published_at, '-infinity'::timestamptz)) DESC, id DESC);
      CREATE INDEX speakers_by_speaker ON ${s}.speakers (speaker_id, episode_id);
    `,
  },
  {
    version: 4,
    name: 'claims keep their episode date key; indexes in the order of each claim query',
    // The newest-first claim queries sorted by the episode's date, a column of another table, so
    // every matching claim was joined and sorted before the first page (a speaker's claims over
    // 10,000 episodes: 150 ms; a common search word: 1 s). With the key on the claim row, an
    // index in the query's exact ORDER BY lets a page stop after limit rows. The check-worthiness
    // order leads with the two boolean filters, so a combination that matches nothing is an
    // empty index range instead of a walk through every claim (searchClaims asks each
    // combination the filters allow and merges them). Child rows are rewritten with their
    // episode, so the copied key cannot go stale.
    sql: (s) => `
      ALTER TABLE ${s}.claims ADD COLUMN published_key timestamptz;
      UPDATE ${s}.claims c SET published_key = coalesce(e.published_at, '-infinity'::timestamptz)
        FROM ${s}.episodes e WHERE e.id = c.episode_id;
      ALTER TABLE ${s}.claims ALTER COLUMN published_key SET NOT NULL;
      CREATE INDEX claims_newest ON ${s}.claims (published_key DESC, episode_id DESC, turn, start_offset, claim_id);
      CREATE INDEX claims_speaker_newest ON ${s}.claims (speaker_id, published_key DESC, episode_id DESC, turn, start_offset, claim_id);
      CREATE INDEX claims_flags_checkworthiness ON ${s}.claims
        (checkworthy, hedged, (coalesce(checkworthiness, -1)) DESC, episode_id, claim_id);
      DROP INDEX ${s}.claims_checkworthiness;
    `,
  },
  {
    version: 5,
    name: 'feed registry',
    // The feeds the scheduler polls (src/feeds). Intervals are seconds; min/max_interval_s override
    // the configured bounds for one feed (a feeds file's cron pins both). The scheduler claims due
    // rows by next_poll_at under a lease: lease_id names the poll batch, due_at keeps the time the
    // feed was due so the lag of each poll can be measured. publish_times are the newest item
    // dates, from which the interval adapts; etag and last_modified make the next GET conditional.
    sql: (s) => `
      CREATE TABLE ${s}.feeds (
        id                 text PRIMARY KEY,
        url                text NOT NULL UNIQUE,
        host               text NOT NULL,
        speakers           text[],
        options            jsonb NOT NULL DEFAULT '{}'::jsonb,
        min_interval_s     integer,
        max_interval_s     integer,
        interval_s         integer NOT NULL,
        next_poll_at       timestamptz NOT NULL,
        due_at             timestamptz,
        lease_id           text,
        last_polled_at     timestamptz,
        last_status        text,
        last_error         text,
        publish_times      timestamptz[] NOT NULL DEFAULT '{}',
        consecutive_errors integer NOT NULL DEFAULT 0,
        etag               text,
        last_modified      text,
        rechecked_at       timestamptz,
        enabled            boolean NOT NULL DEFAULT true,
        added_at           timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX feeds_due ON ${s}.feeds (next_poll_at) WHERE enabled;
      CREATE INDEX feeds_lease ON ${s}.feeds (lease_id) WHERE lease_id IS NOT NULL;
    `,
  },
  {
    version: 6,
    name: 'feed item memory',
    // What podpipe remembers of each feed item whose chain has finished, when Redis should not
    // hold it (src/feeds/item-memory.ts): the hash of the version processed, and the transcript
    // memo of the last published chain. Chains in flight stay remembered in Redis, with them.
    sql: (s) => `
      CREATE TABLE ${s}.feed_items (
        feed_id     text NOT NULL,
        item_key    text NOT NULL,
        hash        text,
        transcript  jsonb,
        PRIMARY KEY (feed_id, item_key)
      );
    `,
  },
]
