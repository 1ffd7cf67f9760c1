-- Instruments and end-of-day prices. Prices are INR per share (split/bonus back-adjusted, see Data/nifty50-ohlcv/SOURCE.md);
-- index levels are points. trade_date is the IST trading day.
create table instruments (
    symbol        text primary key,
    name          text not null,
    sector        text,
    sector_source text,
    isin          text,
    in_nifty50    boolean not null default false
);

create table daily_bars (
    symbol     text not null references instruments (symbol),
    trade_date date not null,
    open       numeric(14, 2) not null,
    high       numeric(14, 2) not null,
    low        numeric(14, 2) not null,
    close      numeric(14, 2) not null,
    volume     bigint not null,
    primary key (symbol, trade_date),
    check (low <= high and volume >= 0)
);
-- Gainers, losers and breadth read one session across all symbols.
create index daily_bars_by_date on daily_bars (trade_date, symbol) include (close);

create table index_bars (
    index_name text not null,
    trade_date date not null,
    open       numeric(12, 2) not null,
    high       numeric(12, 2) not null,
    low        numeric(12, 2) not null,
    close      numeric(12, 2) not null,
    primary key (index_name, trade_date)
);

-- One row per bundled dataset: the SHA-256 of its files lets a restart skip what is already loaded
-- and reload (in one transaction) a dataset whose files changed.
create table data_loads (
    dataset   text primary key,
    checksum  text not null,
    row_count bigint not null,
    loaded_at timestamptz not null default now()
);
