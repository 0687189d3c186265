//! Running CPU-bound work items in parallel with bounded concurrency, a time budget per item, and panics
//! turned into failures of that item alone.
//!
//! Why tokio with its blocking pool, not rayon: a document must not be able to stall the run, so each
//! item races a timer. Rayon has no notion of a deadline, and a stuck rayon task keeps its worker, so
//! one pathological PDF would hold a core (or, with `--jobs 1`, the whole run) forever. Here a small
//! async coordinator hands each item to a blocking-pool thread under a semaphore of `jobs` permits and
//! awaits it with `tokio::time::timeout`; an item over budget is reported and its permit returned, so
//! the rest of the run keeps its parallelism. The thread itself cannot be killed safely, so it runs on
//! detached and its late result is dropped (the pool is sized with room for a few such stragglers).
//! The coordinator runs on a thread of its own, so the calling thread, which takes the results (counts
//! them, writes them) and ticks the progress display, never holds up the handing out of work.

use std::future::Future;
use std::ops::ControlFlow;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::{Arc, Once};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// Name of the pool threads; the panic hook stays quiet for them (the panic becomes a report entry).
const WORKER_THREAD: &str = "styrdok-worker";

/// How the reason of an item over its time budget begins (the command line names its flag after it).
pub const OVER_BUDGET: &str = "over the time budget";

/// Why an item gave no result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JobFailure {
    /// The work panicked; the message of the panic.
    Panicked(String),
    /// The item ran past its time budget.
    TimedOut(Duration),
}

impl std::fmt::Display for JobFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            JobFailure::Panicked(msg) => write!(f, "internal error (panic): {msg}"),
            JobFailure::TimedOut(budget) => write!(
                f,
                "{OVER_BUDGET} of {} s per document",
                budget.as_secs_f64()
            ),
        }
    }
}

/// Handed to each item's work: tells it whether it has been given up on (its time budget ran out), so
/// that it does not write results nobody will account for. Work that is about to write checks it last.
#[derive(Clone, Debug, Default)]
pub struct Ticket(Arc<AtomicBool>);

impl Ticket {
    pub fn abandoned(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// A pool of `jobs` parallel slots on a tokio runtime.
pub struct Scheduler {
    runtime: Option<tokio::runtime::Runtime>,
    jobs: usize,
}

impl Scheduler {
    pub fn new(jobs: usize) -> std::io::Result<Scheduler> {
        let jobs = jobs.max(1);
        install_quiet_panic_hook();
        // One runtime thread for the coordinator (it only hands out items and watches the clocks); the
        // work itself runs on the blocking pool.
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_time()
            .thread_name(WORKER_THREAD)
            // Room for items abandoned after their time budget, which still hold a thread.
            .max_blocking_threads(jobs * 2 + 4)
            .build()?;
        Ok(Scheduler {
            runtime: Some(runtime),
            jobs,
        })
    }

    pub fn jobs(&self) -> usize {
        self.jobs
    }

    /// Runs `work` on every item, at most `jobs` at a time, and hands each result to `on_result` (on
    /// the calling thread, in completion order, with the item's index). `tick` is called every
    /// `tick_every` while items run. `on_result` returning `Break` stops handing out new items; items
    /// already running finish unobserved. So does a signal ([`super::interrupt`]), within 100 ms.
    pub fn run<T, R, W, F, K>(
        &self,
        items: Vec<T>,
        budget: Option<Duration>,
        work: W,
        mut on_result: F,
        tick_every: Duration,
        mut tick: K,
    ) where
        T: Send + 'static,
        R: Send + 'static,
        W: Fn(T, &Ticket) -> R + Send + Sync + 'static,
        F: FnMut(usize, Result<R, JobFailure>) -> ControlFlow<()>,
        K: FnMut(),
    {
        let Some(runtime) = &self.runtime else {
            return;
        };
        let jobs = self.jobs;
        let permits = Arc::new(Semaphore::new(jobs));
        let (tx, rx) = std::sync::mpsc::channel();
        // The coordinator runs on the runtime's own thread, so that handing out items never waits for
        // `on_result`: while the caller counts or writes one result, the slots keep working.
        runtime.spawn({
            let permits = permits.clone();
            let work = Arc::new(work);
            async move {
                for (index, item) in items.into_iter().enumerate() {
                    let Ok(permit) = permits.clone().acquire_owned().await else {
                        break; // closed: the run was stopped
                    };
                    let tx = tx.clone();
                    let work = work.clone();
                    tokio::spawn(async move {
                        let ticket = Ticket::default();
                        let held = ticket.clone();
                        let task = tokio::task::spawn_blocking(move || {
                            catch_unwind(AssertUnwindSafe(|| work(item, &held)))
                        });
                        let result = with_budget(budget, task).await;
                        if matches!(result, Err(JobFailure::TimedOut(_))) {
                            ticket.0.store(true, Ordering::SeqCst);
                        }
                        drop(permit);
                        let _ = tx.send((index, result));
                    });
                }
            }
        });
        // Every sender is gone once the last item has reported: the loop below then ends.
        // A tick interval too long to be a point in time means no ticks.
        let mut next_tick = Instant::now().checked_add(tick_every);
        loop {
            // Woken at least this often to see whether a signal asked the run to stop.
            let watch = Duration::from_millis(100);
            if super::interrupt::requested().is_some() {
                permits.close();
                break;
            }
            let wait = next_tick.map_or(watch, |at| {
                at.saturating_duration_since(Instant::now()).min(watch)
            });
            let received = rx.recv_timeout(wait);
            match received {
                Ok((index, result)) => {
                    if on_result(index, result).is_break() {
                        permits.close();
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            let now = Instant::now();
            if next_tick.is_some_and(|at| now >= at) {
                tick();
                next_tick = now.checked_add(tick_every);
            }
        }
    }
}

async fn with_budget<R>(
    budget: Option<Duration>,
    task: impl Future<Output = Result<std::thread::Result<R>, tokio::task::JoinError>>,
) -> Result<R, JobFailure> {
    let joined = match budget {
        Some(b) => match tokio::time::timeout(b, task).await {
            Ok(joined) => joined,
            Err(_) => return Err(JobFailure::TimedOut(b)),
        },
        None => task.await,
    };
    match joined {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(payload)) => Err(JobFailure::Panicked(panic_message(payload.as_ref()))),
        Err(e) => Err(JobFailure::Panicked(e.to_string())),
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        // Items abandoned after their budget may still run; the process must not wait for them.
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic with a non-text payload".to_string()
    }
}

/// A panic in a worker is caught and reported as a failure of its document; the default hook would
/// also print it over the progress display, so it is silenced for worker threads only.
fn install_quiet_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(WORKER_THREAD) {
                previous(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn collect<R: Send + 'static>(
        jobs: usize,
        budget: Option<Duration>,
        items: Vec<u64>,
        work: impl Fn(u64, &Ticket) -> R + Send + Sync + 'static,
    ) -> Vec<(usize, Result<R, JobFailure>)> {
        let scheduler = Scheduler::new(jobs).expect("runtime");
        let mut results = Vec::new();
        scheduler.run(
            items,
            budget,
            work,
            |i, r| {
                results.push((i, r));
                ControlFlow::Continue(())
            },
            Duration::from_secs(60),
            || {},
        );
        results.sort_by_key(|(i, _)| *i);
        results
    }

    #[test]
    fn never_runs_more_than_jobs_at_once_and_uses_them_all() {
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let (r, p) = (running.clone(), peak.clone());
        let results = collect(3, None, (0..12).collect(), move |x, _| {
            let now = r.fetch_add(1, Ordering::SeqCst) + 1;
            p.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(30));
            r.fetch_sub(1, Ordering::SeqCst);
            x * 2
        });
        assert_eq!(results.len(), 12);
        assert!(results.iter().all(|(i, r)| *r == Ok(*i as u64 * 2)));
        assert_eq!(peak.load(Ordering::SeqCst), 3);
    }

    #[test]
    fn a_panic_and_a_timeout_fail_only_their_item() {
        let started = Instant::now();
        let late = Arc::new(AtomicBool::new(false));
        let seen_abandoned = late.clone();
        let results = collect(
            1,
            Some(Duration::from_millis(200)),
            vec![0, 1, 2],
            move |x, ticket| {
                match x {
                    1 => panic!("bad table in item {x}"),
                    2 => {
                        std::thread::sleep(Duration::from_millis(600));
                        seen_abandoned.store(ticket.abandoned(), Ordering::SeqCst);
                        std::thread::sleep(Duration::from_secs(30));
                    }
                    _ => {}
                }
                x
            },
        );
        assert_eq!(results[0].1, Ok(0));
        assert_eq!(
            results[1].1,
            Err(JobFailure::Panicked("bad table in item 1".into()))
        );
        assert_eq!(
            results[2].1,
            Err(JobFailure::TimedOut(Duration::from_millis(200)))
        );
        // The stuck item was abandoned, not waited for, and could see that it was.
        assert!(started.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(600));
        assert!(late.load(Ordering::SeqCst));
    }

    #[test]
    fn break_stops_handing_out_items() {
        let done = Arc::new(AtomicUsize::new(0));
        let d = done.clone();
        let scheduler = Scheduler::new(1).expect("runtime");
        let mut seen = 0;
        scheduler.run(
            (0..100).collect::<Vec<u32>>(),
            None,
            move |_, _| {
                std::thread::sleep(Duration::from_millis(20));
                d.fetch_add(1, Ordering::SeqCst);
            },
            |_, _| {
                seen += 1;
                if seen == 3 {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            },
            Duration::from_secs(60),
            || {},
        );
        assert_eq!(seen, 3);
        // The three seen, and at most the one that was running when the third was seen.
        std::thread::sleep(Duration::from_millis(100));
        assert!(done.load(Ordering::SeqCst) <= 4, "{done:?}");
    }
}
