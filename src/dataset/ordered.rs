//! Reading many documents on several threads while handling them one at a time in their order: the
//! dataset's files must come out the same whatever the number of threads, and only a bounded number of
//! parsed documents may wait in memory.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Condvar, Mutex};

/// Runs `work` on items `0..n` on `jobs` threads and hands the results to `consume` on the calling
/// thread in item order. At most `4 × jobs` items are worked on or waiting ahead of the one `consume`
/// needs next. The first error of `consume` stops the work and is returned.
pub(super) fn for_each_ordered<T: Send, E>(
    n: usize,
    jobs: usize,
    work: impl Fn(usize) -> T + Sync,
    mut consume: impl FnMut(usize, T) -> Result<(), E>,
) -> Result<(), E> {
    if jobs <= 1 || n <= 1 {
        for i in 0..n {
            consume(i, work(i))?;
        }
        return Ok(());
    }
    let window = jobs * 4;
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // How many items `consume` has taken; a worker waits before item i until i < consumed + window.
    let consumed = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::sync_channel::<(usize, T)>(window);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let tx = tx.clone();
            let (next, stop, consumed, work) = (&next, &stop, &consumed, &work);
            scope.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= n {
                    break;
                }
                {
                    let (lock, turn) = consumed;
                    let mut done = lock.lock().unwrap_or_else(|e| e.into_inner());
                    while i >= *done + window && !stop.load(Ordering::SeqCst) {
                        done = turn.wait(done).unwrap_or_else(|e| e.into_inner());
                    }
                }
                if stop.load(Ordering::SeqCst) || tx.send((i, work(i))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting: BTreeMap<usize, T> = BTreeMap::new();
        let mut wanted = 0usize;
        let mut result = Ok(());
        'receive: for (i, item) in rx.iter() {
            waiting.insert(i, item);
            while let Some(item) = waiting.remove(&wanted) {
                result = consume(wanted, item);
                wanted += 1;
                let (lock, turn) = &consumed;
                *lock.lock().unwrap_or_else(|e| e.into_inner()) = wanted;
                if result.is_err() {
                    stop.store(true, Ordering::SeqCst);
                    turn.notify_all();
                    break 'receive;
                }
                turn.notify_all();
            }
        }
        // Dropping the receiver ends the workers' sends; they see `stop` and return.
        drop(rx);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        for jobs in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            let r: Result<(), ()> = for_each_ordered(
                200,
                jobs,
                |i| {
                    // Uneven work, so that items finish out of order.
                    std::thread::sleep(std::time::Duration::from_micros(
                        ((i * 7919) % 13) as u64 * 50,
                    ));
                    i * 2
                },
                |i, v| {
                    assert_eq!(v, i * 2);
                    seen.push(i);
                    Ok(())
                },
            );
            assert!(r.is_ok());
            assert_eq!(seen, (0..200).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn the_first_error_stops_the_work() {
        let worked = AtomicUsize::new(0);
        let r = for_each_ordered(
            10_000,
            4,
            |i| {
                worked.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i, _| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(r, Err(10));
        // Only what the window allowed ahead of item 10 was worked on.
        assert!(worked.load(Ordering::SeqCst) <= 10 + 1 + 4 * 4 + 4);
    }
}
