//! Lesson 07's grader. You never need to edit this file.
//!
//! One module per exercise, named after the exercise's file. Every test runs
//! inside `testkit`'s grader, which gives it a time limit and turns a
//! failure into a message that names the exercise, the mistake and the file
//! to open. The solution crate runs this very file.
//!
//! The channel exercises run on tokio's paused clock, where a wait that can
//! never end is caught at once; the shutdown runs on real sockets on
//! 127.0.0.1, port 0.

use std::time::Duration;

use testkit::tokio;

const LESSON: &str = include_str!("../exercises.toml");

fn ex(id: &str) -> testkit::Exercise {
    testkit::exercise(LESSON, id)
}

/// A wait on tokio's clock that gives up after `secs`: on the paused clock
/// it costs no real time, and a wait that never ends becomes `None`.
async fn within<T>(secs: u64, future: impl std::future::Future<Output = T>) -> Option<T> {
    tokio::time::timeout(Duration::from_secs(secs), future)
        .await
        .ok()
}

/// Counts the polls of the future it wraps. A task that waits is polled
/// only when what it waits for is ready; one that checks in a loop
/// (`try_recv`, `yield_now`, a short sleep) is polled over and over, and
/// on a server that is a core kept busy for every idle client.
struct Counted<F> {
    inner: std::pin::Pin<Box<F>>,
    polls: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

/// `future`, and the count of its polls so far.
fn counted<F: std::future::Future>(
    future: F,
) -> (Counted<F>, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let polls = std::sync::Arc::default();
    let counted = Counted {
        inner: Box::pin(future),
        polls: std::sync::Arc::clone(&polls),
    };
    (counted, polls)
}

impl<F: std::future::Future> std::future::Future for Counted<F> {
    type Output = F::Output;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<F::Output> {
        self.polls
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.inner.as_mut().poll(cx)
    }
}

fn polls(count: &std::sync::atomic::AtomicUsize) -> usize {
    count.load(std::sync::atomic::Ordering::Relaxed)
}

mod ex1_select {
    use super::*;
    use lesson07::ex1_select::{Said, relay};
    use tokio::sync::{broadcast, mpsc};

    struct Client {
        says: mpsc::Sender<String>,
        hears: mpsc::Receiver<String>,
        room: broadcast::Sender<Said>,
        /// Subscribed before `relay` starts: sees everything said.
        watch: broadcast::Receiver<Said>,
        task: tokio::task::JoinHandle<()>,
        /// How many times the task has been polled.
        polls: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    }

    /// `relay` for "ann", running in a task, once it has subscribed.
    async fn ann() -> Client {
        let (room, watch) = broadcast::channel(16);
        let (says, from_client) = mpsc::channel(16);
        let (to_client, hears) = mpsc::channel(16);
        let (relay, polls) = counted({
            let room = room.clone();
            async move { relay("ann", from_client, to_client, room).await }
        });
        let task = tokio::spawn(relay);
        // Its first poll subscribes it to the room.
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        if task.is_finished() {
            testkit::join(task).await;
            panic!(
                "relay returned before its client left: loop until from_client.recv() gives None"
            );
        }
        Client {
            says,
            hears,
            room,
            watch,
            task,
            polls,
        }
    }

    /// A quiet client in a quiet room costs nothing: relay sleeps in its
    /// `select!` until a line comes, from either side. The paused clock
    /// moves on only when every task waits, so half an hour of quiet passes
    /// at once for a relay that waits, and never, or in many small steps,
    /// for one that polls. (Half an hour: the grader's own limit is an hour
    /// of paused time.)
    #[test]
    fn a_quiet_half_hour_costs_no_work() {
        ex("07-1").check_async(|| async {
            let mut ann = ann().await;
            let before = polls(&ann.polls);
            for _ in 0..100 {
                tokio::task::yield_now().await;
            }
            let busy = polls(&ann.polls) - before;
            assert!(
                busy <= 2,
                "nobody said anything, and relay ran {busy} times while the test gave way 100 \
                 times: it checks both sides in a loop (try_recv and yield_now?) instead of \
                 waiting on both. On a server that is a core kept busy per idle client: \
                 select! on from_client.recv() and heard.recv(), which sleep until a line comes"
            );
            tokio::time::sleep(Duration::from_secs(1800)).await;
            let busy = polls(&ann.polls) - before;
            assert!(
                busy <= 2,
                "nobody said anything for half an hour, and relay woke {busy} times: it checks both \
                 sides on a timer instead of waiting on them. select! on from_client.recv() and \
                 heard.recv(), which sleep until a line comes"
            );
            let _ = ann.room.send(Said {
                from: "bob".into(),
                line: "bob: still there?".into(),
            });
            assert_eq!(
                within(5, ann.hears.recv()).await,
                Some(Some("bob: still there?".to_string())),
                "after half an hour of quiet, bob's line never reached ann"
            );
            ann.task.abort();
        });
    }

    /// The room is quiet; ann's line must still get through.
    #[test]
    fn a_line_reaches_the_room_while_the_room_is_quiet() {
        ex("07-1").check_async(|| async {
            let mut ann = ann().await;
            ann.says.send("hi".into()).await.unwrap();
            let said = within(5, ann.watch.recv()).await;
            assert!(
                said.is_some(),
                "ann sent \"hi\" and the room, which was quiet, never got it: relay waits for the \
                 room before it reads the client. select! both, so either can go first"
            );
            assert_eq!(
                said.unwrap().ok(),
                Some(Said { from: "ann".into(), line: "ann: hi".into() }),
                "what reached the room for ann's \"hi\" (expected from \"ann\", line \"NAME: TEXT\")"
            );
            ann.task.abort();
        });
    }

    /// Ann is quiet; bob's line must still reach her.
    #[test]
    fn the_room_reaches_a_quiet_client() {
        ex("07-1").check_async(|| async {
            let mut ann = ann().await;
            let _ = ann.room.send(Said {
                from: "bob".into(),
                line: "bob: hello".into(),
            });
            let heard = within(5, ann.hears.recv()).await;
            assert_eq!(
                heard,
                Some(Some("bob: hello".to_string())),
                "bob said \"hello\" while ann was quiet, and ann was not sent it: relay waits for \
                 the client's next line before it reads the room. select! both"
            );
            ann.task.abort();
        });
    }

    /// The sender has its own line on screen already.
    #[test]
    fn a_client_is_not_sent_its_own_lines() {
        ex("07-1").check_async(|| async {
            let mut ann = ann().await;
            ann.says.send("me first".into()).await.unwrap();
            within(5, ann.watch.recv()).await;
            let _ = ann.room.send(Said {
                from: "bob".into(),
                line: "bob: then me".into(),
            });
            let heard = within(5, ann.hears.recv()).await.flatten();
            assert_eq!(
                heard.as_deref(),
                Some("bob: then me"),
                "the first line sent to ann, after her own \"me first\" and bob's \"then me\": \
                 skip the room's lines whose `from` is this client's name"
            );
            ann.task.abort();
        });
    }

    /// A client that leaves ends its task: no task left behind per visitor.
    #[test]
    fn relay_returns_when_the_client_leaves() {
        ex("07-1").check_async(|| async {
            let ann = ann().await;
            drop(ann.says);
            let ended = within(5, testkit::join(ann.task)).await;
            assert!(
                ended.is_some(),
                "the client's lines ended (recv() gave None) and relay kept running: return when \
                 from_client.recv() gives None"
            );
        });
    }
}

mod ex2_lagged {
    use super::*;
    use lesson07::ex2_lagged::next_line;
    use tokio::sync::broadcast;

    /// What `calls` calls of next_line return after `sent` messages, `m0`,
    /// `m1`, ..., went into a room that keeps `kept`.
    async fn after(sent: usize, kept: usize, calls: usize) -> Vec<Option<String>> {
        let (room, mut heard) = broadcast::channel(kept);
        for i in 0..sent {
            room.send(format!("m{i}")).unwrap();
        }
        let mut got = Vec::new();
        for _ in 0..calls {
            got.push(within(5, next_line(&mut heard)).await.flatten());
        }
        got
    }

    /// `lines`, each as next_line returns a line.
    fn lines(lines: &[&str]) -> Vec<Option<String>> {
        lines.iter().map(|s| Some(s.to_string())).collect()
    }

    /// A message in time comes through as it is.
    #[test]
    fn a_message_comes_through() {
        ex("07-2").check_async(|| async {
            let (room, mut heard) = broadcast::channel(4);
            room.send("ann: hi".to_string()).unwrap();
            let got = within(5, next_line(&mut heard)).await;
            assert_eq!(
                got,
                Some(Some("ann: hi".to_string())),
                "next_line for one waiting message"
            );
        });
    }

    /// Seven messages into a room that keeps four: three are lost, the
    /// client is told so, and then gets the four still kept.
    #[test]
    fn a_lagging_reader_is_told_and_goes_on() {
        ex("07-2").check_async(|| async {
            let got = after(7, 4, 5).await;
            let want = lines(&["* you missed 3 messages", "m3", "m4", "m5", "m6"]);
            let likely = match got.first() {
                Some(None) => {
                    "a lag ended the client's stream (None): Lagged is not the end, \
                               tell the client and go on"
                }
                Some(Some(first)) if first == "m3" => {
                    "the lag was skipped in silence: the client \
                                                       must be told how many it missed"
                }
                _ => "the notice is \"* you missed N messages\", N from Lagged(N)",
            };
            assert_eq!(
                got, want,
                "5 calls after 7 messages into a room of 4: {likely}"
            );
        });
    }

    /// The notice counts what this reader missed, whatever the number.
    #[test]
    fn the_notice_counts_what_was_missed() {
        ex("07-2").check_async(|| async {
            let got = after(9, 2, 3).await;
            let want = lines(&["* you missed 7 messages", "m7", "m8"]);
            assert_eq!(
                got, want,
                "3 calls after 9 messages into a room of 2: the notice's number is the one \
                 Lagged(N) carries, not a fixed one"
            );
        });
    }

    /// With nothing said yet, next_line waits for the next message,
    /// asleep: it neither gives up nor keeps checking.
    #[test]
    fn a_quiet_room_is_waited_for() {
        ex("07-2").check_async(|| async {
            let (room, heard) = broadcast::channel::<String>(4);
            let (task, count) = counted(async move {
                let mut heard = heard;
                next_line(&mut heard).await
            });
            let task = tokio::spawn(task);
            for _ in 0..100 {
                tokio::task::yield_now().await;
            }
            if task.is_finished() {
                let early = testkit::join(task).await;
                panic!(
                    "next_line returned {early:?} while the room was open and nothing had been \
                     said yet: wait for the next message (recv().await), do not give up"
                );
            }
            let busy = polls(&count);
            assert!(
                busy <= 2,
                "nothing was said, and next_line ran {busy} times while the test gave way 100 \
                 times: it checks in a loop (try_recv and yield_now?) instead of waiting. \
                 recv().await sleeps until a message comes"
            );
            room.send("late".to_string()).unwrap();
            let got = within(5, testkit::join(task)).await;
            assert_eq!(
                got,
                Some(Some("late".to_string())),
                "the message said while next_line waited"
            );
        });
    }

    /// A closed room ends the client's stream.
    #[test]
    fn a_closed_room_gives_none() {
        ex("07-2").check_async(|| async {
            let (room, mut heard) = broadcast::channel::<String>(4);
            drop(room);
            let got = within(5, next_line(&mut heard)).await;
            assert_eq!(
                got,
                Some(None),
                "next_line once the room is closed (expected None)"
            );
        });
    }
}

mod ex3_name {
    use super::*;
    use lesson07::ex3_name::{BadName, check_name};
    use std::collections::HashSet;

    fn taken(names: &[&str]) -> HashSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    /// Asserts that check_name refuses each of `names` as `why`, with a
    /// max of 20 and `taken_names` taken; `mistake` follows
    /// `check_name(NAME)` in the message.
    fn refused(names: &[&str], taken_names: &[&str], why: BadName, mistake: &str) {
        for bad in names {
            assert_eq!(
                check_name(bad, 20, &taken(taken_names)),
                Err(why.clone()),
                "check_name({bad:?}){mistake}"
            );
        }
    }

    /// Names with a control character: an escape sequence, line ends, DEL.
    const CONTROL: [&str; 4] = ["a\u{1b}[2Jb", "a\nb", "a\rb", "a\u{7f}b"];
    /// Names with a format character that is not seen.
    const INVISIBLE: [&str; 9] = [
        "ann\u{200B}",
        "b\u{202E}ob",
        "\u{FEFF}ann",
        "a\u{2066}b\u{2069}",
        // Beyond the examples the task names: every one that
        // lessonkit::is_invisible knows.
        "ann\u{2060}",
        "an\u{00AD}n",
        "\u{200E}ann",
        "ann\u{061C}",
        "ann\u{E0041}",
    ];
    const JOINERS: [&str; 2] = ["ann\u{200D}", "ann\u{200C}"];
    const MARKED: [&str; 3] = ["* server", "*ann", "! admin"];
    const COLONS: [&str; 3] = ["ann: really", "ann:really", "ann:"];
    /// Names that break several rules, each with the first it breaks in the
    /// task's order (max 20, `ann:` taken).
    const SEVERAL: [(&str, BadName); 4] = [
        ("*ann\u{200B}:", BadName::Unseen),
        ("*ann:", BadName::ServerMark),
        ("ANN:", BadName::Colon),
        ("*ann:xxxxxxxxxxxxxxxxxxxx", BadName::TooLong),
    ];

    /// Spaces around are trimmed; the name keeps its case.
    #[test]
    fn a_good_name_is_trimmed_and_kept_as_typed() {
        ex("07-3").check(|| {
            assert_eq!(
                check_name("  Ann Lee ", 20, &taken(&[])),
                Ok("Ann Lee".into()),
                "check_name(\"  Ann Lee \")"
            );
        });
    }

    /// Empty, or only spaces.
    #[test]
    fn an_empty_name_is_refused() {
        ex("07-3").check(|| {
            assert_eq!(
                check_name("   ", 20, &taken(&[])),
                Err(BadName::Empty),
                "check_name(\"   \"): trim first"
            );
        });
    }

    /// Characters, not bytes: `Zoë` is 3 characters and 4 bytes.
    #[test]
    fn length_is_counted_in_characters() {
        ex("07-3").check(|| {
            assert_eq!(
                check_name("Zoë", 3, &taken(&[])),
                Ok("Zoë".into()),
                "\"Zoë\" with max 3: it is 3 characters (4 bytes); count with chars().count(), not len()"
            );
            assert_eq!(check_name("Zoëy", 3, &taken(&[])), Err(BadName::TooLong), "\"Zoëy\" with max 3");
        });
    }

    /// An escape sequence or a newline inside a name is refused.
    #[test]
    fn control_characters_are_refused() {
        ex("07-3").check(|| {
            refused(
                &CONTROL,
                &[],
                BadName::Unseen,
                ": any control character (char::is_control), not only the newline",
            );
        });
    }

    /// A zero-width space, a bidi control or a BOM: the name would look
    /// like another, or read backwards.
    #[test]
    fn invisible_characters_are_refused() {
        ex("07-3").check(|| {
            refused(
                &INVISIBLE,
                &["ann"],
                BadName::Unseen,
                ": a format character is not seen on screen; refuse every \
                 one lessonkit::is_invisible names, not only control characters or a list \
                 of the examples",
            );
        });
    }

    /// `is_invisible` lets the joiners through (running text needs them);
    /// in a name they hide as well as a zero-width space.
    #[test]
    fn joiners_are_refused_too() {
        ex("07-3").check(|| {
            refused(
                &JOINERS,
                &["ann"],
                BadName::Unseen,
                " looks exactly like \"ann\": refuse the joiners U+200C and \
                 U+200D as well as lessonkit::is_invisible",
            );
        });
    }

    /// `*` and `!` begin the server's lines; further in they are harmless.
    #[test]
    fn a_name_may_not_start_with_the_servers_marks() {
        ex("07-3").check(|| {
            refused(
                &MARKED,
                &[],
                BadName::ServerMark,
                ": its lines would pass for the server's (both * and ! start them)",
            );
            assert_eq!(
                check_name("ann!", 20, &taken(&[])),
                Ok("ann!".into()),
                "check_name(\"ann!\"): only a name that starts with * or ! is refused"
            );
        });
    }

    /// A colon anywhere: `ann: really` saying `hi` reads as ann saying
    /// `really: hi`.
    #[test]
    fn a_name_may_not_hold_a_colon() {
        ex("07-3").check(|| {
            refused(
                &COLONS,
                &[],
                BadName::Colon,
                ": a colon anywhere in a name, with or without a space after it",
            );
        });
    }

    /// The refusals come in the order the task gives.
    #[test]
    fn the_checks_come_in_order() {
        ex("07-3").check(|| {
            for (asked, first) in SEVERAL {
                assert_eq!(
                    check_name(asked, 20, &taken(&["ann:"])),
                    Err(first.clone()),
                    "check_name({asked:?}) breaks several rules: the first in the task's order is {first:?}"
                );
            }
        });
    }

    /// `Bob` may not pose as `bob`.
    #[test]
    fn taken_names_are_refused_whatever_their_case() {
        ex("07-3").check(|| {
            assert_eq!(
                check_name("bob", 20, &taken(&["bob"])),
                Err(BadName::Taken),
                "\"bob\" when \"bob\" is taken"
            );
            assert_eq!(
                check_name("BoB", 20, &taken(&["bob"])),
                Err(BadName::Taken),
                "\"BoB\" when \"bob\" is taken: compare in lower case (taken holds lower case)"
            );
            assert_eq!(
                check_name("ÉMILE", 20, &taken(&["émile"])),
                Err(BadName::Taken),
                "\"ÉMILE\" when \"émile\" is taken: lower-case every letter (to_lowercase), not \
                 only ASCII ones"
            );
        });
    }

    /// Every name the tests above try, and a few more, gets the verdict
    /// the server's own check gives (`lesson07::limits::check_name`, step 4
    /// of the chapter, which the program runs while this exercise is
    /// unsolved): the program and the exercise hold one set of rules, and
    /// a change to either that the other does not follow fails here.
    #[test]
    fn every_name_gets_the_verdict_the_server_gives() {
        use lesson07::limits::{self, BadName as Refusal};
        ex("07-3").check(|| {
            let taken = taken(&["ann", "bob", "émile"]);
            let others = [
                "  Ann Lee ",
                "\tann\t",
                "",
                "   ",
                "Zoë",
                "Zoëy",
                "Zoë 李 👍",
                "a\u{2028}b",
                "ann!",
                "ann*",
                "ann",
                "bob",
                "BoB",
                "ÉMILE",
                "émile2",
            ];
            let several = SEVERAL.map(|(asked, _)| asked);
            for asked in others
                .into_iter()
                .chain(CONTROL)
                .chain(INVISIBLE)
                .chain(JOINERS)
                .chain(MARKED)
                .chain(COLONS)
                .chain(several)
            {
                for max in [3, 20] {
                    let server = limits::check_name(asked, max, |n| taken.contains(n));
                    let want = server.map_err(|refusal| match refusal {
                        Refusal::Empty => BadName::Empty,
                        Refusal::TooLong { .. } => BadName::TooLong,
                        Refusal::Unseen => BadName::Unseen,
                        Refusal::ServerMark => BadName::ServerMark,
                        Refusal::Colon => BadName::Colon,
                        Refusal::Taken => BadName::Taken,
                    });
                    assert_eq!(
                        check_name(asked, max, &taken),
                        want,
                        "check_name({asked:?}) with max {max}, and ann, bob and émile taken: \
                         trim, then the first rule of the task's list that the name breaks decides"
                    );
                }
            }
        });
    }
}

mod ex4_rate_limit {
    use super::*;
    use lesson07::ex4_rate_limit::RateLimit;
    use tokio::time::Instant;

    fn answers(limit: &mut RateLimit, at: Instant, n: usize) -> Vec<bool> {
        (0..n).map(|_| limit.allow(at)).collect()
    }

    /// A full bucket: `burst` at once, then no more.
    #[test]
    fn a_burst_then_no_more() {
        ex("07-4").check(|| {
            let start = Instant::now();
            let mut limit = RateLimit::new(3, Duration::from_secs(1), start);
            assert_eq!(
                answers(&mut limit, start, 5),
                [true, true, true, false, false],
                "5 messages at once, burst 3"
            );
        });
    }

    /// One `refill` later, one more; half of one twice, one more too.
    #[test]
    fn tokens_come_back_with_time_fractions_included() {
        ex("07-4").check(|| {
            let start = Instant::now();
            let mut limit = RateLimit::new(2, Duration::from_secs(1), start);
            answers(&mut limit, start, 2);
            let one = start + Duration::from_secs(1);
            assert_eq!(
                answers(&mut limit, one, 2),
                [true, false],
                "two messages 1 s (one refill) after the burst"
            );
            let half = one + Duration::from_millis(500);
            let later = one + Duration::from_millis(1000);
            assert_eq!(
                (limit.allow(half), limit.allow(later)),
                (false, true),
                "a message half a refill later, then another half a refill after that: the half \
                 tokens must add up (keep fractions, and count from `last`)"
            );
        });
    }

    /// Refusals cost nothing: a client refused ten times still gets its
    /// token after one refill.
    #[test]
    fn a_refusal_takes_nothing() {
        ex("07-4").check(|| {
            let start = Instant::now();
            let mut limit = RateLimit::new(1, Duration::from_secs(1), start);
            limit.allow(start);
            for i in 1..=10 {
                limit.allow(start + Duration::from_millis(i * 10));
            }
            assert!(
                limit.allow(start + Duration::from_secs(1)),
                "refused 10 times, then 1 s (one refill) after the first message: a refused message \
                 must not take a token (or go below zero)"
            );
        });
    }

    /// Two refills of pause earn two tokens: the bucket fills with time,
    /// it does not merely let one message through per gap.
    #[test]
    fn a_pause_earns_a_token_per_refill() {
        ex("07-4").check(|| {
            let start = Instant::now();
            let mut limit = RateLimit::new(3, Duration::from_secs(1), start);
            answers(&mut limit, start, 3);
            let later = start + Duration::from_secs(2);
            assert_eq!(
                answers(&mut limit, later, 3),
                [true, true, false],
                "three messages at once, 2 s (two refills) after a burst of 3: the pause earned \
                 two tokens, so two go. Only one went? Then the answer lets one message through \
                 per gap of a refill instead of keeping a count of tokens that time fills up"
            );
        });
    }

    /// A long pause saves up no more than `burst`.
    #[test]
    fn a_long_pause_saves_up_only_a_burst() {
        ex("07-4").check(|| {
            let start = Instant::now();
            let mut limit = RateLimit::new(3, Duration::from_secs(1), start);
            answers(&mut limit, start, 3);
            let later = start + Duration::from_secs(3600);
            let allowed = answers(&mut limit, later, 10)
                .iter()
                .filter(|a| **a)
                .count();
            let likely = if allowed > 3 {
                "cap the tokens at burst"
            } else {
                "a pause must fill the bucket, a token per refill, up to burst"
            };
            assert_eq!(
                allowed, 3,
                "messages allowed at once after an hour's pause, burst 3: {likely}"
            );
        });
    }

    /// Yours and the server's own bucket (`lesson07::limits::RateLimit`,
    /// which the program runs while this exercise is unsolved, and which
    /// keeps the same bucket as the instant it will be full again) give the
    /// same answer to every message of a long run at uneven times. The
    /// times are whole eighths of a second, so no rounding can tell the two
    /// apart.
    #[test]
    fn a_long_run_of_messages_gets_the_answers_the_server_gives() {
        ex("07-4").check(|| {
            let start = Instant::now();
            let gaps = [
                0, 0, 0, 1, 0, 2, 0, 0, 4, 1, 1, 1, 8, 0, 0, 0, 0, 0, 3, 24, 0, 5,
            ];
            for (burst, refill) in [(1, 250), (3, 500), (5, 1000)] {
                let refill = Duration::from_millis(refill);
                let mut yours = RateLimit::new(burst, refill, start);
                let mut server = lesson07::limits::RateLimit::new(burst, refill, start);
                let mut at = start;
                for (i, eighths) in gaps.iter().cycle().take(200).enumerate() {
                    at += Duration::from_millis(125) * *eighths;
                    let want = server.allow(at);
                    assert_eq!(
                        yours.allow(at),
                        want,
                        "message {i} of a run, {:?} after the start (burst {burst}, refill \
                         {refill:?}; every earlier answer was right): a token bucket answers \
                         {want} here. Count the tokens earned since `last`, fractions and all, \
                         up to burst, and spend one only on a message that goes",
                        at - start
                    );
                }
            }
        });
    }
}

mod ex5_shutdown {
    use super::*;
    use lesson07::ex5_shutdown::serve;
    use std::net::SocketAddr;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::{TcpListener, TcpStream};
    use tokio_util::sync::CancellationToken;

    /// Says hello, waits for the stop, then (after `linger` of real time)
    /// says goodbye and counts itself done.
    async fn polite(
        mut stream: TcpStream,
        stop: CancellationToken,
        linger: Duration,
        done: Arc<AtomicUsize>,
    ) {
        let _ = stream.write_all(b"hello\n").await;
        stop.cancelled().await;
        tokio::time::sleep(linger).await;
        let _ = stream.write_all(b"goodbye\n").await;
        done.fetch_add(1, Ordering::SeqCst);
    }

    /// A `serve` under test: where it listens, its stop, its task, and how
    /// many times that task has been polled.
    struct Serving {
        addr: SocketAddr,
        stop: CancellationToken,
        task: tokio::task::JoinHandle<bool>,
        polls: Arc<AtomicUsize>,
    }

    /// `serve` on 127.0.0.1, port 0, with `deadline` and `handler`, in a
    /// task, once it has had a chance to start: if it has already ended (a
    /// `todo!()`, or a loop that does not wait for clients), that is raised
    /// here, before any client connects.
    async fn serving<H, F>(deadline: Duration, handler: H) -> Serving
    where
        H: Fn(TcpStream, CancellationToken) -> F + Send + Sync + 'static,
        F: std::future::Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let stop = CancellationToken::new();
        let (server, polls) = counted(serve(listener, stop.clone(), deadline, handler));
        let task = tokio::spawn(server);
        for _ in 0..10 {
            tokio::task::yield_now().await;
        }
        if task.is_finished() {
            let clean = testkit::join(task).await;
            panic!("serve returned {clean} before it was stopped: accept until stop is cancelled");
        }
        Serving {
            addr,
            stop,
            task,
            polls,
        }
    }

    /// `serve` with a deadline of 5 s and handlers that are [`polite`],
    /// `linger` long after the stop; and the count of handlers done.
    async fn serving_politely(linger: Duration) -> (Serving, Arc<AtomicUsize>) {
        let done = Arc::new(AtomicUsize::new(0));
        let serving = serving(Duration::from_secs(5), {
            let done = Arc::clone(&done);
            move |s, t| polite(s, t, linger, Arc::clone(&done))
        })
        .await;
        (serving, done)
    }

    async fn connect(addr: SocketAddr) -> BufReader<TcpStream> {
        BufReader::new(TcpStream::connect(addr).await.unwrap())
    }

    async fn line(client: &mut BufReader<TcpStream>) -> Option<String> {
        let mut got = String::new();
        match within(3, client.read_line(&mut got)).await {
            Some(Ok(n)) if n > 0 => Some(got),
            _ => None,
        }
    }

    /// Two clients served at once; on stop, both hear goodbye before
    /// `serve` returns `true`.
    #[test]
    fn clients_are_served_at_once_and_told_goodbye() {
        ex("07-5").real_clock().check_async(|| async {
            let (server, done) = serving_politely(Duration::from_millis(50)).await;
            let mut a = connect(server.addr).await;
            let mut b = connect(server.addr).await;
            for client in [&mut a, &mut b] {
                assert_eq!(
                    line(client).await.as_deref(),
                    Some("hello\n"),
                    "two clients connected and one was not greeted: spawn each handler on the \
                     tracker instead of awaiting it in the accept loop"
                );
            }
            server.stop.cancel();
            let clean = within(5, testkit::join(server.task)).await;
            if clean.is_none() {
                // Why not: is it still accepting?
                let late = match TcpStream::connect(server.addr).await {
                    Ok(stream) => line(&mut BufReader::new(stream)).await,
                    Err(_) => None,
                };
                panic!(
                    "serve had not returned 5 s after the stop, though its handlers end 50 ms \
                     after it. {}",
                    if late.is_some() {
                        "It still greeted a new client: it did not see the stop while it waited \
                         in accept. select! between the stop and the accept"
                    } else {
                        "It no longer greets new clients, so it waits for its tasks for ever: a \
                         TaskTracker's wait() ends only once the tracker has been closed (its \
                         close()) and its tasks are done"
                    }
                );
            }
            assert_eq!(
                clean,
                Some(true),
                "serve after the stop, with handlers that end 50 ms later (deadline 5 s)"
            );
            assert_eq!(
                done.load(Ordering::SeqCst),
                2,
                "serve returned before both handlers said goodbye: wait for the tracker's tasks"
            );
        });
    }

    /// While it waits for the goodbyes, serve sleeps until the last task
    /// ends: it does not check on its tasks in a loop.
    #[test]
    fn the_wait_sleeps_until_the_last_goodbye() {
        ex("07-5").real_clock().check_async(|| async {
            let (server, _done) = serving_politely(Duration::from_millis(1000)).await;
            let mut a = connect(server.addr).await;
            line(&mut a).await;
            let before = polls(&server.polls);
            server.stop.cancel();
            let clean = within(5, testkit::join(server.task)).await;
            assert_eq!(
                clean,
                Some(true),
                "serve after the stop, with a handler that ends 1 s later"
            );
            let woken = polls(&server.polls) - before;
            assert!(
                woken <= 20,
                "serve was woken {woken} times while it waited 1 s for one goodbye: it checks on \
                 its tasks in a loop (a count and a short sleep?) instead of waiting for them. \
                 A TaskTracker's wait() sleeps until its last task ends"
            );
        });
    }

    /// During the wait for goodbyes, a new client is refused at once, not
    /// left waiting in the listener's queue.
    #[test]
    fn no_one_is_accepted_or_kept_waiting_after_the_stop() {
        ex("07-5").real_clock().check_async(|| async {
            let (server, _done) = serving_politely(Duration::from_millis(1500)).await;
            let mut a = connect(server.addr).await;
            line(&mut a).await;
            server.stop.cancel();
            tokio::time::sleep(Duration::from_millis(200)).await;
            // The old client is still saying goodbye; a new one comes.
            let late = match TcpStream::connect(server.addr).await {
                Err(_) => None,
                Ok(stream) => Some(line(&mut BufReader::new(stream)).await),
            };
            assert!(
                matches!(late, None | Some(None)),
                "a client that connected after the stop was greeted ({late:?}): stop accepting \
                 when stop is cancelled"
            );
            assert!(
                late.is_none(),
                "a client that connected after the stop was neither refused nor answered: the \
                 listener was still open while serve waited for the others. Drop it first"
            );
            within(5, testkit::join(server.task)).await;
        });
    }

    /// A handler that never ends must not hold the server past its deadline.
    #[test]
    fn the_deadline_is_kept() {
        ex("07-5").real_clock().check_async(|| async {
            let server = serving(Duration::from_millis(300), |mut s, _stop| async move {
                let _ = s.write_all(b"hello\n").await;
                std::future::pending::<()>().await;
            })
            .await;
            let mut a = connect(server.addr).await;
            line(&mut a).await;
            server.stop.cancel();
            let clean = within(5, testkit::join(server.task)).await;
            assert_eq!(
                clean,
                Some(false),
                "serve with a handler that never ends and a deadline of 300 ms: expected false \
                 soon after; None means it waited for ever (wrap wait() in tokio::time::timeout)"
            );
        });
    }
}
