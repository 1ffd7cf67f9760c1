-- Watchlists: named lists of instruments a user follows, in the user's own order, with a note and a target price per stock.

create table watchlists (
    id         bigint generated always as identity primary key,
    user_id    bigint not null references users (id) on delete cascade,
    name       text not null check (char_length(name) between 1 and 60),
    created_at timestamptz not null default now(),
    -- Moves with every change to the list or its items: the index page shows it as "last updated".
    updated_at timestamptz not null default now()
);
-- "Banks" and "banks" are the same list to a person reading the index page.
create unique index watchlists_user_name on watchlists (user_id, lower(name));

create table watchlist_items (
    watchlist_id bigint not null references watchlists (id) on delete cascade,
    symbol       text not null references instruments (symbol),
    position     int not null,
    note         text check (char_length(note) <= 200),
    target_price numeric(14, 2) check (target_price > 0),
    added_at     timestamptz not null default now(),
    primary key (watchlist_id, symbol),
    -- Checked at the end of each statement, so a move can swap two positions in one update.
    unique (watchlist_id, position) deferrable initially immediate
);
