/* test_image_state.c: unit tests for a boot image's state from its sums (bundled, own
 * build in any case, altered) and what each state tells of its embedded script, in the
 * words the EmbeddedScript check prints. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "image_state.h"

#define PINNED "aa11"
#define OWN "bb22"

static void test_identify(void **state)
{
    (void)state;
    assert_int_equal(pxb_image_identify("aa11", PINNED, OWN), PXB_IMAGE_INTACT);
    assert_int_equal(pxb_image_identify("bb22", PINNED, OWN), PXB_IMAGE_OWN);
    /* A record may be written in upper case; the pin is compared as built in. */
    assert_int_equal(pxb_image_identify("bb22", NULL, "BB22"), PXB_IMAGE_OWN);
    assert_int_equal(pxb_image_identify("cc33", PINNED, OWN), PXB_IMAGE_ALTERED);
    assert_int_equal(pxb_image_identify("AA11", PINNED, ""), PXB_IMAGE_ALTERED);
    /* Neither pinned nor recorded: any copy is someone's. */
    assert_int_equal(pxb_image_identify("aa11", NULL, ""), PXB_IMAGE_ALTERED);
}

static void test_state_names(void **state)
{
    (void)state;
    assert_string_equal(pxb_image_state_name(PXB_IMAGE_INTACT), "intact");
    assert_string_equal(pxb_image_state_name(PXB_IMAGE_OWN), "own build");
    assert_string_equal(pxb_image_state_name(PXB_IMAGE_ALTERED), "altered");
    assert_string_equal(pxb_image_state_name(PXB_IMAGE_MISSING), "missing");
    assert_string_equal(pxb_image_state_name(PXB_IMAGE_UNREADABLE), "unreadable");
}

static void test_embedded_script_known(void **state)
{
    pxb_error why;
    (void)state;
    /* pxbinfo and the signed chain load no first stage again. */
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_INTACT, 0, 0, &why), 1);
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_INTACT, 1, 0, &why), 0);
    assert_string_equal(why.text,
                        "the iPXE build pxebridge ships, which has no embedded script");
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_OWN, 1, 1, &why), 1);
    assert_string_equal(why.text, "your build, recorded with an embedded script");
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_OWN, 1, 0, &why), 0);
    assert_string_equal(why.text, "your build, recorded without an embedded script");
}

static void test_embedded_script_unknown(void **state)
{
    pxb_error why;
    (void)state;
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_MISSING, 1, 0, &why), -1);
    assert_string_equal(why.text, "missing");
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_ALTERED, 1, 1, &why), -1);
    assert_string_equal(why.text, "altered, not a build recorded by 'firmware replace'");
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_UNREADABLE, 0, 0, &why), -1);
    assert_string_equal(why.text, "unreadable, not a build recorded by 'firmware replace'");
    /* The words are optional. */
    assert_int_equal(pxb_image_embedded_script(PXB_IMAGE_MISSING, 0, 0, NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identify),
        cmocka_unit_test(test_state_names),
        cmocka_unit_test(test_embedded_script_known),
        cmocka_unit_test(test_embedded_script_unknown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
