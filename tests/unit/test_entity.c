/* Unit tests for src/extract/entity: name folding and slugs, and the entity
 * registry (dedupe, labels and altLabels, aliases, ambiguity). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "extract/entity.h"

static const char *fold(const char *name) {
  static char out[256];
  return vitae_name_fold(name, out, sizeof out);
}

static const char *slug(const char *name) {
  static char out[256];
  return vitae_name_slug(name, out, sizeof out);
}

/* ---- folding ---- */

static void test_fold_accents_and_case(void **state) {
  assert_string_equal(fold("Recep Tayyip Erdo\xC4\x9F" "an"), "recep tayyip erdogan");
  assert_string_equal(fold("\xC3\x91\xC3\xBA\xC3\xB1" "ez"), "nunez");   /* Ñúñez */
  assert_string_equal(fold("Stra\xC3\x9F" "e"), "strasse");               /* Straße */
  assert_string_equal(fold("S\xC3\xA3o Tom\xC3\xA9"), "sao tome");        /* São Tomé */
  assert_string_equal(fold("NATO"), "nato");
  /* Қасым-Жомарт Тоқаев: Cyrillic lower case; Қ has no accent to strip */
  assert_string_equal(fold("\xD2\x9A\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC-\xD0\x96\xD0\xBE\xD0\xBC\xD0\xB0"
                           "\xD1\x80\xD1\x82 \xD0\xA2\xD0\xBE\xD2\x9B\xD0\xB0\xD0\xB5\xD0\xB2"),
                      "\xD2\x9B\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC \xD0\xB6\xD0\xBE\xD0\xBC\xD0\xB0"
                      "\xD1\x80\xD1\x82 \xD1\x82\xD0\xBE\xD2\x9B\xD0\xB0\xD0\xB5\xD0\xB2");
}

static void test_fold_punctuation_and_spaces(void **state) {
  assert_string_equal(fold("  Kassym-Jomart   Tokayev, Jr. "), "kassym jomart tokayev jr");
  assert_string_equal(fold("O'Brien"), "o brien");
  assert_string_equal(fold("Nazarbayev\xE2\x80\x99s"), "nazarbayev s");
  assert_string_equal(fold("U.S.A."), "u s a");
  assert_string_equal(fold("Louis XIV (2nd)"), "louis xiv 2nd");
  assert_string_equal(fold("a\t\n--\xC2\xA0" "b"), "a b"); /* tab, newline, dashes, no-break space */
  assert_string_equal(fold(""), "");
  assert_string_equal(fold("!?!"), "");
}

static void test_fold_small_buffer(void **state) {
  char out[8];
  memset(out, 'X', sizeof out);
  assert_ptr_equal(vitae_name_fold("Recep Tayyip", out, sizeof out), out);
  assert_true(strlen(out) < sizeof out);
  assert_memory_equal(out, "recep tayyip", strlen(out));
}

static void test_slug(void **state) {
  assert_string_equal(slug("Kassym-Jomart Tokayev"), "kassym-jomart-tokayev");
  assert_string_equal(slug("Recep Tayyip Erdo\xC4\x9F" "an"), "recep-tayyip-erdogan");
  assert_string_equal(slug("Ministry of Foreign Affairs (Kazakhstan)"),
                      "ministry-of-foreign-affairs-kazakhstan");
  assert_string_equal(slug("O'Brien"), "o-brien");
  assert_string_equal(slug("???"), "unnamed");
}

static void test_type_path(void **state) {
  assert_string_equal(vitae_entity_type_path(VITAE_ENT_PERSON), "person");
  assert_string_equal(vitae_entity_type_path(VITAE_ENT_COUNTRY), "country");
  assert_string_equal(vitae_entity_type_path(VITAE_ENT_PLACE), "place");
  assert_string_equal(vitae_entity_type_path(VITAE_ENT_ORG), "organization");
  assert_string_equal(vitae_entity_type_path(VITAE_ENT_OFFICE), "office");
  assert_string_equal(vitae_entity_type_path(VITAE_ENT_LANGUAGE), "language");
  assert_string_equal(vitae_entity_type_path(VITAE_ENT_TREATY), "treaty");
  assert_string_equal(vitae_entity_type_path((vitae_entity_type)0), "thing");
}

/* ---- the registry ---- */

static void test_get_dedupes_by_type_and_folded_key(void **state) {
  vitae_entities es = VITAE_ENTITIES_INIT;
  int32_t a = vitae_entities_get(&es, VITAE_ENT_PERSON, "Recep Tayyip Erdo\xC4\x9F" "an", "Person");
  assert_int_equal(a, 0);
  assert_int_equal(vitae_entities_get(&es, VITAE_ENT_PERSON, "recep tayyip erdogan", "Person"), 0);
  assert_int_equal(vitae_entities_get(&es, VITAE_ENT_PERSON, "RECEP  TAYYIP-ERDOGAN", "Person"), 0);
  int32_t g1 = vitae_entities_get(&es, VITAE_ENT_COUNTRY, "Georgia", "Country");
  int32_t g2 = vitae_entities_get(&es, VITAE_ENT_PLACE, "Georgia", "State");
  assert_int_equal(g1, 1);
  assert_int_equal(g2, 2);
  assert_int_equal(es.n, 3);

  const vitae_entity *e = &es.items[a];
  assert_int_equal(e->type, VITAE_ENT_PERSON);
  assert_string_equal(e->label, "Recep Tayyip Erdo\xC4\x9F" "an"); /* the first form */
  assert_string_equal(e->key, "Recep Tayyip Erdo\xC4\x9F" "an");
  assert_string_equal(e->cls, "Person");
  assert_int_equal(e->nalts, 0);
  assert_int_equal(e->jurisdiction, -1);
  assert_int_equal(e->organization, -1);
  assert_int_equal(e->gender, 0);
  assert_int_equal(e->mentions, 0);
  assert_string_equal(es.items[g2].cls, "State");

  /* the key finds the entity */
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Recep Tayyip Erdogan"), 0);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_COUNTRY, "georgia"), 1);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PLACE, "GEORGIA"), 2);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_ORG, "Georgia"), -1);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Erdogan"), -1);
  vitae_entities_free(&es);
  assert_int_equal(es.n, 0);
  assert_null(es.items);
}

static void test_add_name_prefer_longer(void **state) {
  vitae_entities es = VITAE_ENTITIES_INIT;
  int32_t id = vitae_entities_get(&es, VITAE_ENT_PERSON, "Tokayev", "Person");
  assert_int_equal(vitae_entities_add_name(&es, id, "Kassym-Jomart Tokayev", "", 1), 0);
  vitae_entity *e = &es.items[id];
  assert_string_equal(e->label, "Kassym-Jomart Tokayev");
  assert_string_equal(e->key, "Tokayev"); /* the IRI does not move */
  assert_int_equal(e->nalts, 1);
  assert_string_equal(e->alts[0].text, "Tokayev");
  assert_string_equal(e->alts[0].lang, "");

  /* a shorter form becomes an altLabel */
  assert_int_equal(vitae_entities_add_name(&es, id, "K. Tokayev", NULL, 1), 0);
  e = &es.items[id];
  assert_string_equal(e->label, "Kassym-Jomart Tokayev");
  assert_int_equal(e->nalts, 2);
  assert_string_equal(e->alts[1].text, "K. Tokayev");

  /* without prefer_longer a longer form does not take the label */
  assert_int_equal(vitae_entities_add_name(&es, id, "Kassym-Jomart Kemelevich Tokayev", "", 0), 0);
  e = &es.items[id];
  assert_string_equal(e->label, "Kassym-Jomart Tokayev");
  assert_int_equal(e->nalts, 3);
  assert_string_equal(e->alts[2].text, "Kassym-Jomart Kemelevich Tokayev");

  /* names already known add nothing: the label, an alt, the empty name */
  assert_int_equal(vitae_entities_add_name(&es, id, "Kassym-Jomart Tokayev", "", 1), 0);
  assert_int_equal(vitae_entities_add_name(&es, id, "Tokayev", "", 1), 0);
  assert_int_equal(vitae_entities_add_name(&es, id, "", "", 1), 0);
  assert_int_equal(es.items[id].nalts, 3);

  /* every form finds it */
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Kassym-Jomart Tokayev"), id);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "kassym jomart tokayev"), id);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Tokayev"), id);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "K Tokayev"), id);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Kassym-Jomart Kemelevich Tokayev"), id);
  vitae_entities_free(&es);
}

static void test_alt_labels_with_language(void **state) {
  vitae_entities es = VITAE_ENTITIES_INIT;
  int32_t id = vitae_entities_get(&es, VITAE_ENT_PERSON, "Kassym-Jomart Tokayev", "Person");
  /* Қасым-Жомарт Тоқаев (kk) and Касым-Жомарт Токаев (ru): longer than the
   * English label in bytes, but a language form never takes the label */
  const char *kk = "\xD2\x9A\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC-\xD0\x96\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x80"
                   "\xD1\x82 \xD0\xA2\xD0\xBE\xD2\x9B\xD0\xB0\xD0\xB5\xD0\xB2";
  const char *ru = "\xD0\x9A\xD0\xB0\xD1\x81\xD1\x8B\xD0\xBC-\xD0\x96\xD0\xBE\xD0\xBC\xD0\xB0\xD1\x80"
                   "\xD1\x82 \xD0\xA2\xD0\xBE\xD0\xBA\xD0\xB0\xD0\xB5\xD0\xB2";
  assert_int_equal(vitae_entities_add_name(&es, id, kk, "kk", 1), 0);
  assert_int_equal(vitae_entities_add_name(&es, id, ru, "ru", 1), 0);
  /* the same text in another language is another altLabel */
  assert_int_equal(vitae_entities_add_name(&es, id, ru, "kk", 1), 0);
  /* and the same text and language again is not */
  assert_int_equal(vitae_entities_add_name(&es, id, ru, "ru", 1), 0);
  const vitae_entity *e = &es.items[id];
  assert_string_equal(e->label, "Kassym-Jomart Tokayev");
  assert_int_equal(e->nalts, 3);
  assert_string_equal(e->alts[0].text, kk);
  assert_string_equal(e->alts[0].lang, "kk");
  assert_string_equal(e->alts[1].text, ru);
  assert_string_equal(e->alts[1].lang, "ru");
  assert_string_equal(e->alts[2].text, ru);
  assert_string_equal(e->alts[2].lang, "kk");
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, kk), id);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, ru), id);
  vitae_entities_free(&es);
}

static void test_alias_and_ambiguity(void **state) {
  vitae_entities es = VITAE_ENTITIES_INIT;
  int32_t a = vitae_entities_get(&es, VITAE_ENT_PERSON, "Ahmed Smith", "Person");
  int32_t b = vitae_entities_get(&es, VITAE_ENT_PERSON, "Ali Smith", "Person");
  int32_t o = vitae_entities_get(&es, VITAE_ENT_ORG, "Smith Foundation", "Organization");
  assert_int_equal(vitae_entities_add_alias(&es, a, "Smith"), 0);
  assert_int_equal(es.items[a].nalts, 0); /* an alias is not an altLabel */
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Smith"), a);
  /* the same alias for the same entity again changes nothing */
  assert_int_equal(vitae_entities_add_alias(&es, a, "SMITH"), 0);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Smith"), a);
  /* another person: now ambiguous */
  assert_int_equal(vitae_entities_add_alias(&es, b, "Smith"), 0);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Smith"), -2);
  assert_int_equal(vitae_entities_add_alias(&es, a, "Smith"), 0);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "smith"), -2);
  /* other types are separate */
  assert_int_equal(vitae_entities_add_alias(&es, o, "Smith"), 0);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_ORG, "Smith"), o);
  /* full names still work */
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Ali Smith"), b);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Ahmed Smith"), a);
  /* a shared altLabel is ambiguous too */
  assert_int_equal(vitae_entities_add_name(&es, a, "A. Smith", "", 0), 0);
  assert_int_equal(vitae_entities_add_name(&es, b, "A. Smith", "", 0), 0);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "A. Smith"), -2);
  assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, "Nobody"), -1);
  vitae_entities_free(&es);
}

static void test_many_entities(void **state) {
  vitae_entities es = VITAE_ENTITIES_INIT;
  char name[64];
  for (int i = 0; i < 300; i++) {
    snprintf(name, sizeof name, "Person Number %d", i);
    assert_int_equal(vitae_entities_get(&es, VITAE_ENT_PERSON, name, "Person"), i);
  }
  assert_int_equal(es.n, 300);
  for (int i = 0; i < 300; i += 37) {
    snprintf(name, sizeof name, "person number %d", i);
    assert_int_equal(vitae_entities_get(&es, VITAE_ENT_PERSON, name, "Person"), i);
    assert_int_equal(vitae_entities_find(&es, VITAE_ENT_PERSON, name), i);
    snprintf(name, sizeof name, "Person Number %d", i);
    assert_string_equal(es.items[i].label, name);
  }
  assert_int_equal(es.n, 300);
  vitae_entities_free(&es);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_fold_accents_and_case),
      cmocka_unit_test(test_fold_punctuation_and_spaces),
      cmocka_unit_test(test_fold_small_buffer),
      cmocka_unit_test(test_slug),
      cmocka_unit_test(test_type_path),
      cmocka_unit_test(test_get_dedupes_by_type_and_folded_key),
      cmocka_unit_test(test_add_name_prefer_longer),
      cmocka_unit_test(test_alt_labels_with_language),
      cmocka_unit_test(test_alias_and_ambiguity),
      cmocka_unit_test(test_many_entities),
  };
  return cmocka_run_group_tests_name("entity", tests, NULL, NULL);
}
