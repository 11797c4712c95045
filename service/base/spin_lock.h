/* spin_lock.h: a lock for very short critical sections shared between threads (copying one
 * small record in or out), in plain C11 atomics so the portable core can use it on every
 * OS. A thread that must never wait (the TFTP thread) uses pxb_spin_try and skips its work
 * when the lock is taken; the others spin, which costs no more than the copy they wait for. */
#ifndef PXB_SPIN_LOCK_H
#define PXB_SPIN_LOCK_H

#include <stdatomic.h>

typedef struct pxb_spin_lock {
    atomic_flag taken;
} pxb_spin_lock;

#define PXB_SPIN_LOCK_INIT {ATOMIC_FLAG_INIT}

/* Takes the lock if it is free: 1 taken, 0 busy. */
static inline int pxb_spin_try(pxb_spin_lock *l)
{
    return !atomic_flag_test_and_set_explicit(&l->taken, memory_order_acquire);
}

static inline void pxb_spin_take(pxb_spin_lock *l)
{
    while (!pxb_spin_try(l))
        ;
}

static inline void pxb_spin_release(pxb_spin_lock *l)
{
    atomic_flag_clear_explicit(&l->taken, memory_order_release);
}

#endif
