/* test_tftp_timers.c: unit tests for the deadline heap of the TFTP engine (tftp_timers.c):
 * the next-deadline query on an empty and a filled heap, deadlines coming out in order, ties,
 * removal of the first, the last and one from the middle, re-arming a timer earlier and
 * later, growth past the first reservation, and thousands of timers under a long random mix
 * of adds, moves and removals checked against the heap property and every timer's slot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include "tftp_timers.h"

#define MANY 5000

static tftp_timers heap;

static int setup(void **state)
{
    (void)state;
    tftp_timers_init(&heap);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tftp_timers_free(&heap);
    return 0;
}

static void add(tftp_timer *t, uint64_t due)
{
    assert_int_equal(tftp_timers_reserve(&heap), 0);
    tftp_timers_add(&heap, t, due);
}

/* Every timer sits at the slot it records and no parent is due after its children. */
static void assert_heap_sound(void)
{
    for (size_t i = 0; i < heap.count; i++) {
        assert_int_equal(heap.items[i]->slot, i);
        if (i > 0)
            assert_true(heap.items[(i - 1) / 2]->due <= heap.items[i]->due);
    }
}

/* Takes the first timer out until the heap is empty; each is due no earlier than the one
 * before. Returns how many came out. */
static size_t drain_in_order(void)
{
    size_t n = 0;
    uint64_t last = 0;
    tftp_timer *t;
    while ((t = tftp_timers_first(&heap)) != NULL) {
        assert_true(t->due >= last);
        last = t->due;
        tftp_timers_remove(&heap, t);
        assert_heap_sound();
        n++;
    }
    return n;
}

/* A fixed pseudo-random sequence, the same on every run. */
static uint64_t next_random(uint64_t *seed)
{
    *seed = *seed * 6364136223846793005u + 1442695040888963407u;
    return *seed >> 33;
}

static void test_empty_has_no_first(void **state)
{
    (void)state;
    assert_null(tftp_timers_first(&heap));
    tftp_timer t;
    add(&t, 5);
    assert_ptr_equal(tftp_timers_first(&heap), &t);
    tftp_timers_remove(&heap, &t);
    assert_null(tftp_timers_first(&heap));
    assert_int_equal(heap.count, 0);
}

/* Deadlines added in any order come out earliest first; first always names the earliest. */
static void test_order(void **state)
{
    static const uint64_t DUE[] = {50, 10, 40, 30, 20, 70, 60, 0, 90, 80};
    tftp_timer t[sizeof DUE / sizeof DUE[0]];
    (void)state;
    uint64_t earliest = UINT64_MAX;
    for (size_t i = 0; i < sizeof DUE / sizeof DUE[0]; i++) {
        add(&t[i], DUE[i]);
        earliest = DUE[i] < earliest ? DUE[i] : earliest;
        assert_int_equal(tftp_timers_first(&heap)->due, earliest);
        assert_int_equal(t[i].due, DUE[i]);
    }
    assert_heap_sound();
    assert_ptr_equal(tftp_timers_first(&heap), &t[7]);
    assert_int_equal(drain_in_order(), sizeof DUE / sizeof DUE[0]);
}

/* Timers due at the same time all come out, each once, before any later one. */
static void test_ties(void **state)
{
    tftp_timer same[6], later;
    (void)state;
    add(&later, 101);
    for (size_t i = 0; i < 6; i++)
        add(&same[i], 100);
    for (size_t i = 0; i < 6; i++) {
        tftp_timer *t = tftp_timers_first(&heap);
        assert_int_equal(t->due, 100);
        assert_true(t >= &same[0] && t < &same[6]);
        tftp_timers_remove(&heap, t);
        t->due = 0; /* marks it taken: a second time would fail the due check above */
        assert_heap_sound();
    }
    assert_ptr_equal(tftp_timers_first(&heap), &later);
}

/* Removing from the middle, the end and the top leaves the rest in order. */
static void test_remove_anywhere(void **state)
{
    tftp_timer t[15];
    (void)state;
    for (size_t i = 0; i < 15; i++)
        add(&t[i], 10 * (i + 1));
    tftp_timers_remove(&heap, &t[6]);  /* a leaf in the middle */
    assert_heap_sound();
    tftp_timers_remove(&heap, &t[1]);  /* an inner node */
    assert_heap_sound();
    tftp_timers_remove(&heap, heap.items[heap.count - 1]); /* the last slot */
    assert_heap_sound();
    tftp_timers_remove(&heap, &t[0]);  /* the top */
    assert_heap_sound();
    assert_ptr_equal(tftp_timers_first(&heap), &t[2]);
    assert_int_equal(drain_in_order(), 11);
}

/* A removal whose replacement is due earlier than the removed timer's parent moves it up:
 * the replacement comes from another branch of the heap. */
static void test_remove_moves_replacement_up(void **state)
{
    static const uint64_t DUE[] = {1, 100, 2, 101, 102, 3, 4};
    tftp_timer t[7];
    (void)state;
    for (size_t i = 0; i < 7; i++)
        add(&t[i], DUE[i]);
    assert_heap_sound();
    tftp_timers_remove(&heap, &t[3]); /* replaced by the last timer, due at 4 */
    assert_heap_sound();
    assert_int_equal(drain_in_order(), 6);
}

/* Re-arming moves a timer earlier (to the top) or later (to the bottom); the same deadline
 * again changes nothing. */
static void test_rearm(void **state)
{
    tftp_timer t[8];
    (void)state;
    for (size_t i = 0; i < 8; i++)
        add(&t[i], 100 + i);
    tftp_timers_move(&heap, &t[7], 1);
    assert_heap_sound();
    assert_ptr_equal(tftp_timers_first(&heap), &t[7]);
    tftp_timers_move(&heap, &t[7], 1000);
    assert_heap_sound();
    assert_ptr_equal(tftp_timers_first(&heap), &t[0]);
    tftp_timers_move(&heap, &t[0], 100);
    assert_heap_sound();
    assert_ptr_equal(tftp_timers_first(&heap), &t[0]);
    tftp_timers_move(&heap, &t[0], 105);
    assert_heap_sound();
    assert_int_equal(tftp_timers_first(&heap)->due, 101);
    assert_int_equal(t[7].due, 1000);
    assert_int_equal(drain_in_order(), 8);
}

/* Thousands of timers, far past the first reservation, through a long mix of adds, moves and
 * removals: the heap stays sound, first is the earliest, and everything drains in order. */
static void test_many(void **state)
{
    static tftp_timer t[MANY];
    static int in_heap[MANY];
    uint64_t seed = 14;
    size_t live = 0;
    (void)state;
    for (size_t i = 0; i < MANY; i++) {
        add(&t[i], next_random(&seed) % 100000);
        in_heap[i] = 1;
    }
    live = MANY;
    assert_int_equal(heap.count, MANY);
    assert_true(heap.cap >= MANY);
    assert_heap_sound();
    for (size_t step = 0; step < 4 * MANY; step++) {
        size_t i = (size_t)(next_random(&seed) % MANY);
        uint64_t due = next_random(&seed) % 100000;
        if (!in_heap[i]) {
            add(&t[i], due);
            in_heap[i] = 1;
            live++;
        } else if (step % 3 == 0) {
            tftp_timers_remove(&heap, &t[i]);
            in_heap[i] = 0;
            live--;
        } else {
            tftp_timers_move(&heap, &t[i], due);
        }
    }
    assert_int_equal(heap.count, live);
    assert_heap_sound();
    uint64_t earliest = UINT64_MAX;
    for (size_t i = 0; i < MANY; i++)
        if (in_heap[i] && t[i].due < earliest)
            earliest = t[i].due;
    assert_int_equal(tftp_timers_first(&heap)->due, earliest);
    assert_int_equal(drain_in_order(), live);
}

/* Freeing leaves an empty heap that can be used again. */
static void test_free_and_reuse(void **state)
{
    tftp_timer a, b;
    (void)state;
    add(&a, 3);
    tftp_timers_free(&heap);
    assert_int_equal(heap.count, 0);
    assert_null(tftp_timers_first(&heap));
    add(&b, 4);
    assert_ptr_equal(tftp_timers_first(&heap), &b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_empty_has_no_first, setup, teardown),
        cmocka_unit_test_setup_teardown(test_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ties, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_anywhere, setup, teardown),
        cmocka_unit_test_setup_teardown(test_remove_moves_replacement_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rearm, setup, teardown),
        cmocka_unit_test_setup_teardown(test_many, setup, teardown),
        cmocka_unit_test_setup_teardown(test_free_and_reuse, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
