//! Thai dictionary order in SQL: `ORDER BY first_th COLLATE thai` means the same on both
//! backends, and the same as [`bmahr_core::thai_order`] in memory.
//!
//! - PostgreSQL: `thai` is an ICU collation for `th` (migration 15), deterministic, so ties
//!   are broken by code point as `thai_order` breaks them.
//! - SQLite: a collation is a function registered on each connection. sqlx's `Any` driver
//!   opens SQLite connections from the URL alone and offers no hook to register one, so the
//!   store installs its own `Any` driver for `sqlite:` URLs ([`install_drivers`]): it opens
//!   SQLite's own connection with `thai_order` registered as `thai`, and hands every call on
//!   to it. PostgreSQL keeps sqlx's driver.
//!
//! The driver must be installed before any `Any` connection is made, and instead of
//! `sqlx::any::install_default_drivers` (which panics once other drivers are installed):
//! [`crate::Store::open`] installs it, and so should anything else in the process that opens
//! an `AnyPool` of its own. A database opened without it fails its first query that uses the
//! collation ("no such collation sequence: thai"); [`crate::Store::open`] checks at once.
//!
//! Only ORDER BY uses the collation: no index or constraint of the schema does, so any other
//! tool (the `sqlite3` shell, a backup) still reads and writes the file.

use std::borrow::Cow;
use std::str::FromStr;

use futures_util::future::BoxFuture;
use futures_util::stream::BoxStream;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteConnection, SqliteQueryResult, SqliteTransactionManager,
    SqliteTypeInfo,
};
use sqlx_core::any::driver::AnyDriver;
use sqlx_core::any::{
    Any, AnyArguments, AnyConnectOptions, AnyConnectionBackend, AnyQueryResult, AnyRow,
    AnyStatement, AnyTypeInfo,
};
use sqlx_core::arguments::{Arguments, IntoArguments};
use sqlx_core::column::{Column, ColumnIndex};
use sqlx_core::connection::{ConnectOptions, Connection};
use sqlx_core::database::Database;
use sqlx_core::describe::Describe;
use sqlx_core::encode::Encode;
use sqlx_core::error::BoxDynError;
use sqlx_core::from_row::FromRow;
use sqlx_core::query::Query;
use sqlx_core::query_as::QueryAs;
use sqlx_core::query_scalar::QueryScalar;
use sqlx_core::row::Row;
use sqlx_core::statement::Statement;
use sqlx_core::transaction::{Transaction, TransactionManager};
use sqlx_core::types::Type;
use sqlx_core::value::{Value, ValueRef};
use sqlx_core::{Either, Error, Url};

/// The collation's name, the same on both backends.
pub const THAI: &str = "thai";

/// ` COLLATE thai`, to follow a column in an ORDER BY (`"u.name_th{COLLATE_THAI}"`).
pub(crate) const COLLATE_THAI: &str = " COLLATE thai";

/// ORDER BY terms for people by their Thai name, as lists show them: first name, then last
/// name, in Thai dictionary order; `n` is the alias of the `person_names` row.
pub(crate) fn by_thai_name(n: &str) -> String {
    format!("{n}.first_th{COLLATE_THAI}, {n}.last_th{COLLATE_THAI}")
}

/// sqlx's drivers for `Any` connections, but SQLite's opened with the `thai` collation.
static DRIVERS: [AnyDriver; 2] = [
    AnyDriver::without_migrate::<ThaiSqlite>(),
    sqlx::postgres::any::DRIVER,
];

/// Installs the drivers `Any` connections are made with: SQLite with the `thai` collation
/// and PostgreSQL. Call it instead of `sqlx::any::install_default_drivers` before opening an
/// `AnyPool` outside [`crate::Store::open`] (which calls it); later calls do nothing.
pub fn install_drivers() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    // Fails only when sqlx's default drivers were installed first: `Store::open` then
    // finds SQLite without the collation and says so.
    ONCE.call_once(|| {
        let _ = sqlx::any::install_drivers(&DRIVERS);
    });
}

/// SQLite whose connections have the `thai` collation. It exists only to be named as a
/// database to [`AnyDriver`]: connections made through `Any` use SQLite's own rows,
/// statements and arguments (see [`ThaiSqliteConnection`]'s `AnyConnectionBackend`), so
/// this database's own row, statement and value types can never be built ([`Unused`]).
#[derive(Debug)]
pub(crate) struct ThaiSqlite;

impl Database for ThaiSqlite {
    type Connection = ThaiSqliteConnection;
    type TransactionManager = ThaiSqliteTransactions;
    type Row = Unused;
    type QueryResult = SqliteQueryResult;
    type Column = Unused;
    type TypeInfo = SqliteTypeInfo;
    type Value = Unused;
    type ValueRef<'r> = Unused;
    type Arguments<'q> = NoArguments;
    type ArgumentBuffer<'q> = ();
    type Statement<'q> = Unused;
    const NAME: &'static str = "SQLite";
    const URL_SCHEMES: &'static [&'static str] = &["sqlite"];
}

/// SQLite's connection options with the `thai` collation added.
#[derive(Debug, Clone)]
pub(crate) struct ThaiSqliteOptions(SqliteConnectOptions);

impl ThaiSqliteOptions {
    fn new(opts: SqliteConnectOptions) -> Self {
        ThaiSqliteOptions(opts.collation(THAI, bmahr_core::thai_order))
    }
}

impl<'a> TryFrom<&'a AnyConnectOptions> for ThaiSqliteOptions {
    type Error = Error;

    fn try_from(opts: &'a AnyConnectOptions) -> Result<Self, Error> {
        SqliteConnectOptions::try_from(opts).map(Self::new)
    }
}

impl FromStr for ThaiSqliteOptions {
    type Err = Error;

    fn from_str(s: &str) -> Result<Self, Error> {
        SqliteConnectOptions::from_str(s).map(Self::new)
    }
}

impl ConnectOptions for ThaiSqliteOptions {
    type Connection = ThaiSqliteConnection;

    fn from_url(url: &Url) -> Result<Self, Error> {
        SqliteConnectOptions::from_url(url).map(Self::new)
    }

    fn to_url_lossy(&self) -> Url {
        self.0.to_url_lossy()
    }

    fn connect(&self) -> BoxFuture<'_, Result<ThaiSqliteConnection, Error>> {
        Box::pin(async move { self.0.connect().await.map(ThaiSqliteConnection) })
    }

    fn log_statements(self, level: log::LevelFilter) -> Self {
        ThaiSqliteOptions(self.0.log_statements(level))
    }

    fn log_slow_statements(self, level: log::LevelFilter, duration: std::time::Duration) -> Self {
        ThaiSqliteOptions(self.0.log_slow_statements(level, duration))
    }
}

/// A SQLite connection opened by [`ThaiSqliteOptions`]; every call goes to it.
#[derive(Debug)]
pub(crate) struct ThaiSqliteConnection(SqliteConnection);

impl Connection for ThaiSqliteConnection {
    type Database = ThaiSqlite;
    type Options = ThaiSqliteOptions;

    fn close(self) -> BoxFuture<'static, Result<(), Error>> {
        Connection::close(self.0)
    }

    fn close_hard(self) -> BoxFuture<'static, Result<(), Error>> {
        Connection::close_hard(self.0)
    }

    fn ping(&mut self) -> BoxFuture<'_, Result<(), Error>> {
        Connection::ping(&mut self.0)
    }

    fn begin(&mut self) -> BoxFuture<'_, Result<Transaction<'_, ThaiSqlite>, Error>> {
        Transaction::begin(self, None)
    }

    fn shrink_buffers(&mut self) {
        Connection::shrink_buffers(&mut self.0)
    }

    fn flush(&mut self) -> BoxFuture<'_, Result<(), Error>> {
        Connection::flush(&mut self.0)
    }

    fn should_flush(&self) -> bool {
        Connection::should_flush(&self.0)
    }
}

impl AnyConnectionBackend for ThaiSqliteConnection {
    fn name(&self) -> &str {
        AnyConnectionBackend::name(&self.0)
    }

    fn close(self: Box<Self>) -> BoxFuture<'static, sqlx_core::Result<()>> {
        AnyConnectionBackend::close(Box::new(self.0))
    }

    fn close_hard(self: Box<Self>) -> BoxFuture<'static, sqlx_core::Result<()>> {
        AnyConnectionBackend::close_hard(Box::new(self.0))
    }

    fn ping(&mut self) -> BoxFuture<'_, sqlx_core::Result<()>> {
        AnyConnectionBackend::ping(&mut self.0)
    }

    fn begin(
        &mut self,
        statement: Option<Cow<'static, str>>,
    ) -> BoxFuture<'_, sqlx_core::Result<()>> {
        AnyConnectionBackend::begin(&mut self.0, statement)
    }

    fn commit(&mut self) -> BoxFuture<'_, sqlx_core::Result<()>> {
        AnyConnectionBackend::commit(&mut self.0)
    }

    fn rollback(&mut self) -> BoxFuture<'_, sqlx_core::Result<()>> {
        AnyConnectionBackend::rollback(&mut self.0)
    }

    fn start_rollback(&mut self) {
        AnyConnectionBackend::start_rollback(&mut self.0)
    }

    fn get_transaction_depth(&self) -> usize {
        AnyConnectionBackend::get_transaction_depth(&self.0)
    }

    fn is_in_transaction(&self) -> bool {
        AnyConnectionBackend::is_in_transaction(&self.0)
    }

    fn cached_statements_size(&self) -> usize {
        AnyConnectionBackend::cached_statements_size(&self.0)
    }

    fn clear_cached_statements(&mut self) -> BoxFuture<'_, sqlx_core::Result<()>> {
        AnyConnectionBackend::clear_cached_statements(&mut self.0)
    }

    fn shrink_buffers(&mut self) {
        AnyConnectionBackend::shrink_buffers(&mut self.0)
    }

    fn flush(&mut self) -> BoxFuture<'_, sqlx_core::Result<()>> {
        AnyConnectionBackend::flush(&mut self.0)
    }

    fn should_flush(&self) -> bool {
        AnyConnectionBackend::should_flush(&self.0)
    }

    fn fetch_many<'q>(
        &'q mut self,
        query: &'q str,
        persistent: bool,
        arguments: Option<AnyArguments<'q>>,
    ) -> BoxStream<'q, sqlx_core::Result<Either<AnyQueryResult, AnyRow>>> {
        AnyConnectionBackend::fetch_many(&mut self.0, query, persistent, arguments)
    }

    fn fetch_optional<'q>(
        &'q mut self,
        query: &'q str,
        persistent: bool,
        arguments: Option<AnyArguments<'q>>,
    ) -> BoxFuture<'q, sqlx_core::Result<Option<AnyRow>>> {
        AnyConnectionBackend::fetch_optional(&mut self.0, query, persistent, arguments)
    }

    fn prepare_with<'c, 'q: 'c>(
        &'c mut self,
        sql: &'q str,
        parameters: &[AnyTypeInfo],
    ) -> BoxFuture<'c, sqlx_core::Result<AnyStatement<'q>>> {
        AnyConnectionBackend::prepare_with(&mut self.0, sql, parameters)
    }

    fn describe<'q>(&'q mut self, sql: &'q str) -> BoxFuture<'q, sqlx_core::Result<Describe<Any>>> {
        AnyConnectionBackend::describe(&mut self.0, sql)
    }
}

/// Transactions of [`ThaiSqliteConnection`]: SQLite's.
pub(crate) struct ThaiSqliteTransactions;

impl TransactionManager for ThaiSqliteTransactions {
    type Database = ThaiSqlite;

    fn begin<'conn>(
        conn: &'conn mut ThaiSqliteConnection,
        statement: Option<Cow<'static, str>>,
    ) -> BoxFuture<'conn, Result<(), Error>> {
        SqliteTransactionManager::begin(&mut conn.0, statement)
    }

    fn commit(conn: &mut ThaiSqliteConnection) -> BoxFuture<'_, Result<(), Error>> {
        SqliteTransactionManager::commit(&mut conn.0)
    }

    fn rollback(conn: &mut ThaiSqliteConnection) -> BoxFuture<'_, Result<(), Error>> {
        SqliteTransactionManager::rollback(&mut conn.0)
    }

    fn start_rollback(conn: &mut ThaiSqliteConnection) {
        SqliteTransactionManager::start_rollback(&mut conn.0)
    }

    fn get_transaction_depth(conn: &ThaiSqliteConnection) -> usize {
        SqliteTransactionManager::get_transaction_depth(&conn.0)
    }
}

/// Rows, columns, values and statements of [`ThaiSqlite`] itself, which nothing makes (an
/// enum without variants: no value of it exists, so its methods have nothing to do).
#[derive(Debug)]
pub(crate) enum Unused {}

impl Row for Unused {
    type Database = ThaiSqlite;

    fn columns(&self) -> &[Unused] {
        match *self {}
    }

    fn try_get_raw<I>(&self, _index: I) -> Result<Unused, Error>
    where
        I: ColumnIndex<Self>,
    {
        match *self {}
    }
}

impl Column for Unused {
    type Database = ThaiSqlite;

    fn ordinal(&self) -> usize {
        match *self {}
    }

    fn name(&self) -> &str {
        match *self {}
    }

    fn type_info(&self) -> &SqliteTypeInfo {
        match *self {}
    }
}

impl Value for Unused {
    type Database = ThaiSqlite;

    fn as_ref(&self) -> Unused {
        match *self {}
    }

    fn type_info(&self) -> Cow<'_, SqliteTypeInfo> {
        match *self {}
    }

    fn is_null(&self) -> bool {
        match *self {}
    }
}

impl ValueRef<'_> for Unused {
    type Database = ThaiSqlite;

    fn to_owned(&self) -> Unused {
        match *self {}
    }

    fn type_info(&self) -> Cow<'_, SqliteTypeInfo> {
        match *self {}
    }

    fn is_null(&self) -> bool {
        match *self {}
    }
}

impl<'q> Statement<'q> for Unused {
    type Database = ThaiSqlite;

    fn to_owned(&self) -> Unused {
        match *self {}
    }

    fn sql(&self) -> &str {
        match *self {}
    }

    fn parameters(&self) -> Option<Either<&[SqliteTypeInfo], usize>> {
        match *self {}
    }

    fn columns(&self) -> &[Unused] {
        match *self {}
    }

    fn query(&self) -> Query<'_, ThaiSqlite, NoArguments> {
        match *self {}
    }

    fn query_with<'s, A>(&'s self, _arguments: A) -> Query<'s, ThaiSqlite, A>
    where
        A: IntoArguments<'s, ThaiSqlite>,
    {
        match *self {}
    }

    fn query_as<O>(&self) -> QueryAs<'_, ThaiSqlite, O, NoArguments>
    where
        O: for<'r> FromRow<'r, Unused>,
    {
        match *self {}
    }

    fn query_as_with<'s, O, A>(&'s self, _arguments: A) -> QueryAs<'s, ThaiSqlite, O, A>
    where
        O: for<'r> FromRow<'r, Unused>,
        A: IntoArguments<'s, ThaiSqlite>,
    {
        match *self {}
    }

    fn query_scalar<O>(&self) -> QueryScalar<'_, ThaiSqlite, O, NoArguments>
    where
        (O,): for<'r> FromRow<'r, Unused>,
    {
        match *self {}
    }

    fn query_scalar_with<'s, O, A>(&'s self, _arguments: A) -> QueryScalar<'s, ThaiSqlite, O, A>
    where
        (O,): for<'r> FromRow<'r, Unused>,
        A: IntoArguments<'s, ThaiSqlite>,
    {
        match *self {}
    }
}

/// Arguments of [`ThaiSqlite`] itself: queries through `Any` bind SQLite's, so none is
/// ever added here.
#[derive(Debug, Default)]
pub(crate) struct NoArguments;

impl<'q> Arguments<'q> for NoArguments {
    type Database = ThaiSqlite;

    fn reserve(&mut self, _additional: usize, _size: usize) {}

    fn add<T>(&mut self, _value: T) -> Result<(), BoxDynError>
    where
        T: 'q + Encode<'q, ThaiSqlite> + Type<ThaiSqlite>,
    {
        Err("queries on SQLite with the thai collation bind through sqlx's Any".into())
    }

    fn len(&self) -> usize {
        0
    }
}
