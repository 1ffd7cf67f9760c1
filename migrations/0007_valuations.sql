-- Saved DCF valuations. inputs holds the builder's form as an object of strings keyed like its query string
-- (Features/Valuations/DcfForm.cs), every field resolved, so a saved valuation does not move when the defaults do.
create table valuations (
    id          bigint generated always as identity primary key,
    user_id     bigint not null references users (id) on delete cascade,
    symbol      text not null references instruments (symbol),
    name        text not null check (char_length(name) between 1 and 80),
    inputs      jsonb not null,
    created_at  timestamptz not null default now(),
    updated_at  timestamptz not null default now()
);
create unique index valuations_name on valuations (user_id, lower(name));

-- One row per re-save: the inputs as they were before it, and what it changed in words.
create table valuation_changes (
    id            bigint generated always as identity primary key,
    valuation_id  bigint not null references valuations (id) on delete cascade,
    changed_at    timestamptz not null default now(),
    inputs        jsonb not null,
    note          text not null
);
create index valuation_changes_valuation on valuation_changes (valuation_id, changed_at);
