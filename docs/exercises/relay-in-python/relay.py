#!/usr/bin/env python3
"""An outbox relay in Python, for `./lab grade relay --command "python3 <this file>"`.

It keeps the contract of docs/running-your-own-relay.md, the same one the Java solution of the
workshop keeps (docs/exercises/solutions/workshop/OutboxRelay.java):

  * one relay at a time publishes: each batch runs in a transaction that first takes a
    transaction-scoped advisory lock (pg_try_advisory_xact_lock); without it, it tries again later;
  * it reads the oldest pending rows in id order, sends each as a record keyed by account_id whose
    value is the row's payload exactly, and waits for Kafka's acknowledgements;
  * only when every record of the batch was acknowledged does it mark the rows published and
    commit; at the first failed delivery it sends nothing more of the batch, marks nothing, rolls
    back, drops its producer and tries again after a pause.

Needs Debian's python3-confluent-kafka and python3-psycopg2 (or `pip install confluent-kafka
psycopg2-binary`). Everything it needs to know comes from the LAB_* environment variables.
"""

import os
import signal
import sys
import time

try:
    import psycopg2
    from confluent_kafka import KafkaException, Producer
except ImportError as missing:
    sys.exit(
        f"{missing}: {sys.executable} cannot import it. Install python3-confluent-kafka and"
        " python3-psycopg2 (Debian's packages belong to /usr/bin/python3) or pip install"
        " confluent-kafka psycopg2-binary for this interpreter."
    )

NAME = os.environ.get("LAB_RELAY_NAME", "relay-python")
TABLE = os.environ.get("LAB_OUTBOX_TABLE", "bank.outbox")
TOPIC = os.environ["LAB_TOPIC"]

TURN = 0x0DB00B0F  # the advisory lock's number: "the outbox relay's turn", same as the Java relay
BATCH = 500
IDLE = 0.020  # seconds between polls when there is nothing to publish
FIRST_BACKOFF, LONGEST_BACKOFF = 0.1, 0.5  # seconds to pause after a failure, doubling

PENDING = f"""
    SELECT id, event_id::text, account_id, payload::text
      FROM {TABLE}
     WHERE published_at IS NULL AND parked_at IS NULL
     ORDER BY id
     LIMIT %s
"""
MARK = f"UPDATE {TABLE} SET published_at = clock_timestamp(), published_by = %s WHERE id = ANY(%s)"

# The lab's faults last seconds: a send must fail within seconds too, not after the default two
# minutes, and acks=all with idempotence means nothing acknowledged is lost or duplicated by the
# producer's own retries (the values of bank-core's KafkaSettings.reliableProducer).
PRODUCER_SETTINGS = {
    "bootstrap.servers": os.environ["LAB_KAFKA_BOOTSTRAP"],
    "client.id": NAME,
    "enable.idempotence": True,
    "acks": "all",
    "max.in.flight.requests.per.connection": 5,
    "linger.ms": 1,
    "request.timeout.ms": 2000,
    "delivery.timeout.ms": 4000,
    "retry.backoff.ms": 50,
    "reconnect.backoff.ms": 50,
    "reconnect.backoff.max.ms": 500,
    "topic.metadata.refresh.interval.ms": 5000,
}

stopping = False


def log(message):
    # stdout is a pipe: flush, or the lab would never see READY
    print(f"{NAME}: {message}", flush=True)


def on_sigterm(signum, frame):
    global stopping
    stopping = True  # the loop ends after the batch at hand; an unmarked batch is simply resent


def connect():
    # Short timeouts everywhere: a cut link must turn into an error the loop retries, not a hang.
    database = psycopg2.connect(
        host=os.environ["LAB_PG_HOST"],
        port=os.environ["LAB_PG_PORT"],
        dbname=os.environ["LAB_PG_DATABASE"],
        user=os.environ["LAB_PG_USER"],
        password=os.environ["LAB_PG_PASSWORD"],
        application_name=NAME,
        connect_timeout=5,
        keepalives=1,
        keepalives_idle=2,
        keepalives_interval=1,
        keepalives_count=3,
        tcp_user_timeout=10000,
        options="-c statement_timeout=10000",
    )
    database.autocommit = False  # every batch is one transaction: lock, read, mark, commit
    return database


def publish(database, producer):
    """One batch: returns how many rows it published, raises if it published none of them."""
    with database.cursor() as sql:
        # 1. My turn? The lock is released when this transaction ends, whichever way.
        sql.execute("SELECT pg_try_advisory_xact_lock(%s)", (TURN,))
        if not sql.fetchone()[0]:
            database.rollback()
            return 0
        # 2. The oldest pending rows: id order is each account's commit order.
        sql.execute(PENDING, (BATCH,))
        rows = sql.fetchall()
        if not rows:
            database.commit()
            return 0

        # 3. Send them all; the callback counts acknowledgements and keeps the first failure.
        acked, failures = [], []

        def delivered(error, message):
            if error is not None:
                failures.append(error)
            else:
                acked.append(message)

        for row_id, event_id, account_id, payload in rows:
            if failures:
                break  # publish nothing more of this batch
            headers = [
                ("event-id", event_id.encode()),
                ("event-type", b"TransactionRecorded"),
                ("schema-version", b"1"),
            ]
            producer.produce(
                TOPIC,
                key=account_id.encode("utf-8"),
                value=payload.encode("utf-8"),  # the json column's text, byte for byte
                headers=headers,
                on_delivery=delivered,
            )
            producer.poll(0)  # serve callbacks that are already due

        # 4. Wait for every acknowledgement; delivery.timeout.ms bounds the wait. At the first
        #    failure, throw away what is still queued so that no later record of an account gets
        #    through before the one that failed.
        while len(acked) < len(rows) and not failures:
            producer.poll(0.05)
        if failures:
            producer.purge()
            raise KafkaException(failures[0])

        # 5. Everything was acknowledged: mark it, and end my turn.
        sql.execute(MARK, (NAME, [row[0] for row in rows]))
        database.commit()
        return len(rows)


def main():
    signal.signal(signal.SIGTERM, on_sigterm)
    database, producer = None, None
    backoff = FIRST_BACKOFF
    ready = False
    while not stopping:
        try:
            if database is None:
                database = connect()
            if producer is None:
                producer = Producer(PRODUCER_SETTINGS)
            if not ready:
                # Warm the producer up (the topic's leaders, the idempotent producer's id), or the
                # first records would wait for it; but Kafka may be away, so do not insist.
                try:
                    producer.list_topics(TOPIC, timeout=2)
                except KafkaException as away:
                    log(f"Kafka not reachable yet: {away}")
                # connected and looked at the outbox: tell the lab
                with database.cursor() as sql:
                    sql.execute(f"SELECT count(*) FROM {TABLE} WHERE published_at IS NULL")
                    log(f"{sql.fetchone()[0]} rows pending")
                database.rollback()
                print("READY", flush=True)
                ready = True
            published = publish(database, producer)
            backoff = FIRST_BACKOFF
            if published == 0:
                time.sleep(IDLE)
        except Exception as failure:  # Kafka, PostgreSQL or anything else: start over, later
            log(f"failed, trying again in {backoff:.1f} s: {failure!r}")
            if database is not None:
                try:
                    database.rollback()
                except Exception:
                    pass
                if database.closed or isinstance(failure, psycopg2.Error):
                    database.close()
                    database = None  # the database failed: a new connection next time
            if producer is not None:
                producer.purge()  # a fresh producer for the next try: drop what this one holds
                producer = None
            time.sleep(backoff)
            backoff = min(backoff * 2, LONGEST_BACKOFF)

    # SIGTERM: leave without marking anything more; an open transaction rolls back on close.
    log("stopping")
    if database is not None:
        database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
