-- The leaders' morning e-mail of records to rescue (issue 21): one row per day, claimed by the node that sends it,
-- so every node may try and the leaders get one e-mail a day.
create table monitor_morning_mail (
    for_day     date          primary key,
    claimed_by  varchar(255)  not null,
    claimed_at  timestamp with time zone not null,
    mails       integer       default 0 not null
);
