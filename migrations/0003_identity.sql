-- Accounts, sessions with rotating refresh tokens, one-time email tokens, TOTP, encrypted PII and the audit trail.

create table users (
    id               bigint generated always as identity primary key,
    -- Stable pseudonym: security events name the user by it, so they survive account deletion without naming anyone.
    subject          uuid not null unique default gen_random_uuid(),
    email            text not null,
    email_normalized text not null unique,
    display_name     text not null,
    password_hash    text not null,
    email_verified_at timestamptz,
    role             text not null default 'user' check (role in ('user', 'admin')),
    disabled_at      timestamptz,
    failed_logins    int not null default 0,
    locked_until     timestamptz,
    -- Data Protection ciphertexts (authenticated encryption); never plaintext.
    totp_secret      text,
    totp_enabled_at  timestamptz,
    totp_last_step   bigint,
    phone            text,
    pan              text,
    -- Keyed hash of the normalised PAN: uniqueness without decryption.
    pan_index        bytea unique,
    created_at       timestamptz not null default now()
);

create table recovery_codes (
    user_id   bigint not null references users (id) on delete cascade,
    code_hash bytea not null,
    used_at   timestamptz,
    primary key (user_id, code_hash)
);

create table sessions (
    id                uuid primary key,
    user_id           bigint not null references users (id) on delete cascade,
    created_at        timestamptz not null,
    last_seen_at      timestamptz not null,
    -- When the user last proved who they are (password or second factor): step-up checks this.
    authenticated_at  timestamptz not null,
    expires_at        timestamptz not null,
    revoked_at        timestamptz,
    revoked_reason    text,
    ip                text,
    user_agent        text
);
create index sessions_user on sessions (user_id, created_at desc);

-- One row per refresh token ever issued; a session's tokens form its rotation family.
create table refresh_tokens (
    token_hash  bytea primary key,
    session_id  uuid not null references sessions (id) on delete cascade,
    created_at  timestamptz not null,
    used_at     timestamptz
);
create index refresh_tokens_session on refresh_tokens (session_id);

-- Email confirmation, password reset and email change links: single-use, expiring, stored only as SHA-256.
create table one_time_tokens (
    token_hash bytea primary key,
    user_id    bigint not null references users (id) on delete cascade,
    purpose    text not null check (purpose in ('verify-email', 'reset-password', 'change-email')),
    -- For change-email: the address being confirmed; the account keeps its old one until then.
    new_email  text,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    used_at    timestamptz
);
create index one_time_tokens_user on one_time_tokens (user_id);

create table email_outbox (
    id         bigint generated always as identity primary key,
    to_address text not null,
    subject    text not null,
    body       text not null,
    created_at timestamptz not null default now()
);

-- Secrets the app generates for itself (signing and blind-index keys), stored as Data Protection ciphertext so every
-- node sharing the key ring can read them and a database dump alone reveals nothing.
create table app_keys (
    name       text primary key,
    protected  text not null,
    created_at timestamptz not null default now()
);

create table security_events (
    id          bigint generated always as identity primary key,
    occurred_at timestamptz not null,
    user_id     bigint references users (id) on delete set null,
    subject     uuid,
    event_type  text not null,
    ip          text,
    user_agent  text,
    details     jsonb not null default '{}',
    prev_hash   bytea,
    hash        bytea not null
);
create index security_events_subject on security_events (subject, id desc);

-- Append-only: the only change allowed is the foreign key clearing when an account is deleted (the hash covers the
-- pseudonymous subject, not user_id, so the chain still verifies).
create function security_events_append_only() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' and new.user_id is null
       and (new.id, new.occurred_at, new.subject, new.event_type, new.ip, new.user_agent, new.details, new.prev_hash, new.hash)
           is not distinct from
           (old.id, old.occurred_at, old.subject, old.event_type, old.ip, old.user_agent, old.details, old.prev_hash, old.hash) then
        return new;
    end if;
    raise exception 'security_events is append-only';
end $$;

create trigger security_events_append_only before update or delete on security_events
    for each row execute function security_events_append_only();
