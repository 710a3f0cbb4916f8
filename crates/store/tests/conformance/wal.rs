//! SQLite's write-ahead log stays bounded under steady load (the background checkpointer).

use bmahr_store::testing::TestDb;
use bmahr_store::{Backend, WAL_RESTART_FRAMES};
use sqlx::{Connection, Executor, Row, SqliteConnection};

use crate::fixtures::meta;

/// The frames in the log now, as a passive checkpoint reports them.
async fn frames(conn: &mut SqliteConnection) -> i64 {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .fetch_one(conn)
        .await
        .expect("checkpoint")
        .get(1)
}

/// One round of the store's checkpointer; again while the background one holds the
/// checkpoint lock (-1).
async fn round(store: &bmahr_store::Store) -> i64 {
    loop {
        let frames = store.checkpoint().await.expect("checkpoint");
        if frames != -1 {
            return frames;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
}

/// Past its limit the log is restarted from its beginning and its file cut back; a reader
/// still in the log makes the checkpointer give up for the round instead of holding the
/// writers back until that reader is done.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_write_ahead_log_is_restarted() {
    let db = TestDb::new(Backend::Sqlite).await.expect("test database");
    let path = db.url.strip_prefix("sqlite://").expect("path").to_string();
    // Another connection, as the CLI would be, writes more than the limit in one commit.
    let mut writer = SqliteConnection::connect(&db.url).await.expect("writer");
    writer
        .execute("PRAGMA wal_autocheckpoint=0; CREATE TABLE wal_fill(b BLOB)")
        .await
        .expect("table");
    // A reader whose snapshot is older than the fill: its pages stay in the log.
    let mut reader = SqliteConnection::connect(&db.url).await.expect("reader");
    reader.execute("BEGIN").await.expect("begin");
    let seen: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM wal_fill")
        .fetch_one(&mut reader)
        .await
        .expect("read");
    assert_eq!(seen, 0);
    let rows = WAL_RESTART_FRAMES + 1_000;
    writer
        .execute(&*format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {rows}) \
             INSERT INTO wal_fill SELECT randomblob(3000) FROM n"
        ))
        .await
        .expect("fill");
    let left = round(&db.store).await;
    assert!(
        left > WAL_RESTART_FRAMES,
        "gave up with the log as it was: {left}"
    );
    // Writers go on.
    writer
        .execute("INSERT INTO wal_fill VALUES (x'00')")
        .await
        .expect("write after the round");
    reader.execute("COMMIT").await.expect("reader done");
    assert_eq!(round(&db.store).await, 0);
    // The next write through the store starts the log again, in a file cut back.
    db.store
        .record_event(
            &meta("reader", "2026-01-01T00:00:00Z"),
            "login.ok",
            None,
            "",
        )
        .await
        .expect("event");
    assert!(frames(&mut writer).await < 100);
    let size = std::fs::metadata(format!("{path}-wal")).expect("wal").len();
    assert!(size <= 64 << 20, "log file of {size} bytes");
    writer.close().await.expect("close");
    reader.close().await.expect("close");
    db.finish().await;
}
