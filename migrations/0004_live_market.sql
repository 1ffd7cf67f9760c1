-- Live market. The last quote per symbol survives restarts so pages never show nothing; one-minute bars keep the
-- intraday chart for the current and recent sessions and are pruned by the ingest leader (Market:Live:BarRetentionDays).
-- Prices are INR per share; volume is shares traded in the session so far; times are timestamptz (shown in IST).
create table live_quotes (
    symbol         text primary key references instruments (symbol),
    source         text not null,
    exchange       text not null,
    last           numeric(14, 2) not null,
    previous_close numeric(14, 2) not null,
    open           numeric(14, 2) not null,
    high           numeric(14, 2) not null,
    low            numeric(14, 2) not null,
    volume         bigint not null,
    bid            numeric(14, 2),
    ask            numeric(14, 2),
    source_time    timestamptz not null,
    delay_seconds  integer not null default 0,
    replay_of      date,
    sequence       bigint not null,
    updated_at     timestamptz not null default now()
);

create table intraday_bars (
    symbol  text not null references instruments (symbol),
    minute  timestamptz not null,
    open    numeric(14, 2) not null,
    high    numeric(14, 2) not null,
    low     numeric(14, 2) not null,
    close   numeric(14, 2) not null,
    volume  bigint not null,
    source  text not null,
    primary key (symbol, minute),
    check (low <= high and volume >= 0)
);
-- Retention deletes by age across all symbols.
create index intraday_bars_by_minute on intraday_bars (minute);
