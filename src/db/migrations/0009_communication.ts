import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function up(db: Kysely<any>): Promise<void> {
  // One row per (event, recipient): the inbox never shows the same event twice.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull()) // act | asked | informed | owner | mentioned
    .addColumn('object_type', 'text', (c) => c.notNull())
    .addColumn('object_id', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON message parameters
    .addColumn('read_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('notifications_event_recipient', ['event_id', 'recipient_id'])
    .execute();
  await db.schema
    .createIndex('notifications_inbox')
    .on('notifications')
    .columns(['recipient_id', 'workspace_id', 'id'])
    .execute();

  await db.schema
    .createTable('notification_settings')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('quiet_start', 'text') // 'HH:MM' local, null: no quiet hours
    .addColumn('quiet_end', 'text')
    .addColumn('digest', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(9))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // Only choices that differ from the defaults of src/core/notifications are stored.
  await db.schema
    .createTable('notification_preferences')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // in_app | email
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('notification_preferences_pk', ['user_id', 'event_type', 'channel'])
    .execute();

  await db.schema
    .createTable('chat_targets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // dingtalk | feishu | wecom | slack | webhook
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('secret', 'text')
    .addColumn('event_types', 'text', (c) => c.notNull()) // JSON string[]: the routing rule
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('chat_targets_workspace').on('chat_targets').column('workspace_id').execute();

  // One row per message to send outside the app (an e-mail to a person, a post to a chat target).
  await db.schema
    .createTable('notification_deliveries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('event_id', 'text')
    .addColumn('channel', 'text', (c) => c.notNull()) // email | chat
    .addColumn('notification_id', 'text', (c) => c.references('notifications.id').onDelete('cascade'))
    .addColumn('recipient_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('target_id', 'text', (c) => c.references('chat_targets.id').onDelete('cascade'))
    .addColumn('event_type', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull()) // JSON: what the message says
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sent | failed | digest | skipped
    .addColumn('send_after', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('response_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_deliveries_target')
    .on('notification_deliveries')
    .columns(['target_id', 'id'])
    .execute();
  await db.schema
    .createIndex('notification_deliveries_digest')
    .on('notification_deliveries')
    .columns(['status', 'recipient_id'])
    .execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
    .addColumn('target_type', 'text', (c) => c.notNull()) // goal | key_result | kpi | task | run
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull()) // sanitised on write, never on read
    .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]')) // JSON user ids
    .addColumn('edited_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('comments_target')
    .on('comments')
    .columns(['workspace_id', 'target_type', 'target_id', 'id'])
    .execute();

  await db.schema
    .createTable('comment_reactions')
    .addColumn('comment_id', 'text', (c) => c.notNull().references('comments.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('emoji', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('comment_reactions_pk', ['comment_id', 'user_id', 'emoji'])
    .execute();

  // Instance-wide secrets shared by every app instance (e.g. the key that signs unsubscribe links).
  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}
