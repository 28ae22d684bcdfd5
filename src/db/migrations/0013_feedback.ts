import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One row per workspace, made on first use: the portal's public categories, the synonym list, clustering state.
  await db.schema
    .createTable('feedback_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('portal_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('public_categories', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]
    .addColumn('synonyms', 'text') // JSON SynonymGroup[]; null: the built-in ops vocabulary
    .addColumn('cluster_status', 'text', (c) => c.notNull().defaultTo('idle')) // idle | queued | running | failed
    .addColumn('cluster_progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('clustered_at', 'bigint')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('feedback_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('email', 'text') // lower-cased; null for an anonymous submitter known only by name
    .addColumn('name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('feedback_contacts_email', ['workspace_id', 'email'])
    .execute();

  await db.schema
    .createTable('feedback_clusters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('label_pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('terms', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]: the shared wordings shown
    .addColumn('signature', 'text', (c) => c.notNull().defaultTo('{}')) // JSON term key → weight, for arrivals
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_clusters_workspace')
    .on('feedback_clusters')
    .column('workspace_id')
    .execute();

  await db.schema
    .createTable('feedback_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // portal | api | app_store | support | email | manual | import
    .addColumn('category', 'text')
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]')) // JSON string[]
    .addColumn('product_area', 'text')
    .addColumn('contact_id', 'text', (c) => c.references('feedback_contacts.id').onDelete('set null'))
    .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sentiment', 'text') // positive | neutral | negative
    .addColumn('status', 'text', (c) => c.notNull()) // new | triaged | planned | in_progress | done | declined
    .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('cluster_id', 'text', (c) => c.references('feedback_clusters.id').onDelete('set null'))
    .addColumn('cluster_locked', 'integer', (c) => c.notNull().defaultTo(0)) // a person placed it: keep it
    .addColumn('merged_into_id', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_at', 'bigint')
    .addColumn('source_ref', 'text') // the row's id in an imported export
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_items_inbox')
    .on('feedback_items')
    .columns(['workspace_id', 'status', 'id'])
    .execute();
  await db.schema
    .createIndex('feedback_items_cluster')
    .on('feedback_items')
    .columns(['workspace_id', 'cluster_id'])
    .execute();

  // Everyone who raised an item: its submitter, the submitters of duplicates merged into it, voters who left an address.
  await db.schema
    .createTable('feedback_item_contacts')
    .addColumn('item_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) =>
      c.notNull().references('feedback_contacts.id').onDelete('cascade'),
    )
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_item_contacts_pk', ['item_id', 'contact_id'])
    .execute();
  await db.schema
    .createIndex('feedback_item_contacts_contact')
    .on('feedback_item_contacts')
    .column('contact_id')
    .execute();

  await db.schema
    .createTable('feedback_status_changes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('feedback_status_changes_item')
    .on('feedback_status_changes')
    .columns(['item_id', 'id'])
    .execute();

  await db.schema
    .createTable('feedback_links')
    .addColumn('item_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull()) // task | run
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_links_pk', ['item_id', 'target_type', 'target_id'])
    .execute();

  // One vote per address per item: the key is a hash of the address, never the address itself.
  await db.schema
    .createTable('feedback_votes')
    .addColumn('item_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('feedback_votes_pk', ['item_id', 'voter_key'])
    .execute();

  // A request for a rating sent when an item was resolved; rated once through its signed link.
  await db.schema
    .createTable('feedback_ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('item_id', 'text', (c) => c.notNull().references('feedback_items.id').onDelete('cascade'))
    .addColumn('contact_id', 'text', (c) => c.references('feedback_contacts.id').onDelete('set null'))
    .addColumn('category', 'text')
    .addColumn('cluster_id', 'text')
    .addColumn('rating', 'integer')
    .addColumn('email_status', 'text', (c) => c.notNull()) // queued | sent | failed | portal
    .addColumn('sent_at', 'bigint', (c) => c.notNull())
    .addColumn('rated_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('feedback_ratings_workspace')
    .on('feedback_ratings')
    .columns(['workspace_id', 'rated_at'])
    .execute();
}
