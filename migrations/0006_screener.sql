-- Screener ratios, computed once per price session from the filings and the daily prices (see Engines/Screener/RatioCatalogue.cs
-- for every formula). A ratio a company lacks has no row: "not computable" is never stored as zero.
create table ratio_snapshot_runs (
    as_of        date primary key,          -- the latest price session the ratios use
    source       text not null,             -- checksums of the bundled datasets they were computed from
    companies    integer not null,
    computed_at  timestamptz not null default now()
);

create table ratio_snapshot_companies (
    as_of      date not null references ratio_snapshot_runs (as_of) on delete cascade,
    symbol     text not null references instruments (symbol),
    statement  text not null,                -- Consolidated or Standalone: the filings the ratios come from
    primary key (as_of, symbol)
);

create table ratio_snapshots (
    as_of   date not null,
    symbol  text not null,
    ratio   text not null,                   -- RatioDefinition.Key
    value   numeric not null,
    primary key (as_of, symbol, ratio),
    foreign key (as_of, symbol) references ratio_snapshot_companies (as_of, symbol) on delete cascade
);

create table saved_screens (
    id          bigint generated always as identity primary key,
    user_id     bigint not null references users (id) on delete cascade,
    name        text not null check (char_length(name) between 1 and 80),
    query       text not null check (char_length(query) between 1 and 2000),
    -- Read by the alerts engine: tell the user when a company enters or leaves the screen's results.
    notify      boolean not null default false,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index saved_screens_name on saved_screens (user_id, lower(name));
