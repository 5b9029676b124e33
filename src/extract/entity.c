#include "extract/entity.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/strjoin.h"

char *vitae_name_fold(const char *name, char *out, size_t n) {
  /* ASCII, the common case: lower case, runs of other characters as one
   * space, without asking utf8proc (which allocates) */
  if (n) {
    size_t w = 0;
    int space = 1;
    const unsigned char *p = (const unsigned char *)name;
    /* (one pass: a non-ASCII byte sends the whole name the other way) */
    for (; *p && *p < 0x80; p++) {
      unsigned char c = *p;
      if (w + 1 >= n) continue; /* full: only the check for non-ASCII goes on */
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        out[w++] = (char)c;
        space = 0;
      } else if (c >= 'A' && c <= 'Z') {
        out[w++] = (char)(c - 'A' + 'a');
        space = 0;
      } else if (!space) {
        out[w++] = ' ';
        space = 1;
      }
    }
    if (!*p) {
      while (w && out[w - 1] == ' ') w--;
      out[w] = '\0';
      return out;
    }
  }
  /* One code point at a time (utf8proc_decompose_char), not utf8proc_map:
   * map allocates, and a fold that failed for want of memory would give a
   * different key, hence a different entity, without a word.  Without
   * UTF8PROC_COMPOSE the two agree: marks are stripped, and case folding
   * and decomposition act on each code point alone. */
  const utf8proc_option_t opts =
      UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK;
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
  utf8proc_ssize_t left = (utf8proc_ssize_t)strlen(name);
  for (utf8proc_ssize_t i = 0; i < left;) { /* invalid UTF-8 folds to nothing, as map's error did */
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p + i, left - i, &cp);
    if (k <= 0) left = 0;
    else i += k;
  }
  size_t w = 0;
  int space = 1; /* drop leading spaces */
  for (utf8proc_ssize_t i = 0; i < left && w + 5 < n;) {
    utf8proc_int32_t cp, dec[32];
    i += utf8proc_iterate(p + i, left - i, &cp);
    int boundclass = UTF8PROC_BOUNDCLASS_START;
    utf8proc_ssize_t nd = utf8proc_decompose_char(cp, dec, 32, opts, &boundclass);
    for (utf8proc_ssize_t j = 0; j < nd && j < 32 && w + 5 < n; j++) {
      utf8proc_category_t c = utf8proc_category(dec[j]);
      int keep = (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
                 (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
      if (keep) {
        w += (size_t)utf8proc_encode_char(dec[j], (utf8proc_uint8_t *)out + w);
        space = 0;
      } else if (!space) {
        out[w++] = ' ';
        space = 1;
      }
    }
  }
  while (w && out[w - 1] == ' ') w--;
  if (n) out[w < n ? w : n - 1] = '\0';
  return out;
}

char *vitae_name_slug(const char *name, char *out, size_t n) {
  vitae_name_fold(name, out, n);
  for (char *p = out; *p; p++)
    if (*p == ' ') *p = '-';
  if (!*out && n > 8) strcpy(out, "unnamed");
  return out;
}

const char *vitae_entity_type_path(vitae_entity_type type) {
  switch (type) {
  case VITAE_ENT_PERSON: return "person";
  case VITAE_ENT_COUNTRY: return "country";
  case VITAE_ENT_PLACE: return "place";
  case VITAE_ENT_ORG: return "organization";
  case VITAE_ENT_OFFICE: return "office";
  case VITAE_ENT_LANGUAGE: return "language";
  case VITAE_ENT_TREATY: return "treaty";
  }
  return "thing";
}

/* "type:folded name" (snprintf's "%d:%s", without printf: a key is made
 * for every name looked up). */
#define FOLDED_MAX 1024
static void map_key(vitae_entity_type type, const char *name, char *out, size_t n) {
  char num[24];
  const char *t = vitae_str_uint(num, (unsigned)type);
  size_t k = strlen(t);
  if (k + 1 + FOLDED_MAX <= n) { /* (always: folded straight into place) */
    memcpy(out, t, k);
    out[k] = ':';
    vitae_name_fold(name, out + k + 1, FOLDED_MAX);
    return;
  }
  char folded[FOLDED_MAX];
  vitae_name_fold(name, folded, sizeof folded);
  vitae_str_join(out, n, t, ":", folded, NULL);
}

static int alias(vitae_entities *es, int32_t id, const char *name) {
  char key[1100];
  map_key(es->items[id].type, name, key, sizeof key);
  if (strlen(key) <= 2) return 0;
  int64_t old = vitae_strmap_get(&es->by_alias, key, -1);
  if (old == id || old == -2) return 0;
  return vitae_strmap_put(&es->by_alias, key, old == -1 ? id : -2);
}

int32_t vitae_entities_get(vitae_entities *es, vitae_entity_type type, const char *key,
                           const char *cls) {
  char mk[1100];
  map_key(type, key, mk, sizeof mk);
  int64_t id = vitae_strmap_get(&es->by_key, mk, -1);
  if (id >= 0) return (int32_t)id;
  if (es->n == es->cap) {
    size_t cap = es->cap ? 2 * es->cap : 64;
    vitae_entity *p = realloc(es->items, cap * sizeof *p);
    if (!p) return -1;
    es->items = p;
    es->cap = cap;
  }
  vitae_entity *e = &es->items[es->n];
  memset(e, 0, sizeof *e);
  e->type = (uint8_t)type;
  e->label = strdup(key);
  e->key = strdup(key);
  e->cls = strdup(cls);
  e->jurisdiction = e->organization = e->same_as = -1;
  if (!e->label || !e->key || !e->cls) {
    free(e->label);
    free(e->key);
    free(e->cls);
    return -1;
  }
  int32_t nid = (int32_t)es->n++;
  if (vitae_strmap_put(&es->by_key, mk, nid) != 0 || alias(es, nid, key) != 0) return -1;
  return nid;
}

static int has_name(const vitae_entity *e, const char *name, const char *lang) {
  if (!strcmp(e->label, name) && !*lang) return 1;
  for (size_t i = 0; i < e->nalts; i++)
    if (!strcmp(e->alts[i].text, name) && !strcmp(e->alts[i].lang, lang)) return 1;
  return 0;
}

static int push_alt(vitae_entity *e, const char *name, const char *lang) {
  if (e->nalts == e->capalts) {
    size_t cap = e->capalts ? 2 * e->capalts : 4;
    vitae_alt_label *p = realloc(e->alts, cap * sizeof *p);
    if (!p) return -1;
    e->alts = p;
    e->capalts = cap;
  }
  vitae_alt_label *a = &e->alts[e->nalts];
  if (!(a->text = strdup(name))) return -1;
  snprintf(a->lang, sizeof a->lang, "%s", lang ? lang : "");
  e->nalts++;
  return 0;
}

int vitae_entities_add_name(vitae_entities *es, int32_t id, const char *name, const char *lang,
                            int prefer_longer) {
  vitae_entity *e = &es->items[id];
  if (!lang) lang = "";
  if (!*name || has_name(e, name, lang)) return 0;
  if (!*lang && prefer_longer && strlen(name) > strlen(e->label)) {
    char *old = e->label;
    if (!(e->label = strdup(name))) {
      e->label = old;
      return -1;
    }
    int rc = push_alt(e, old, "");
    free(old);
    if (rc) return -1;
  } else if (push_alt(e, name, lang) != 0) {
    return -1;
  }
  return alias(es, id, name);
}

int vitae_entities_add_alias(vitae_entities *es, int32_t id, const char *name) {
  return alias(es, id, name);
}

int32_t vitae_entities_find(const vitae_entities *es, vitae_entity_type type, const char *name) {
  char key[1100];
  map_key(type, name, key, sizeof key);
  return (int32_t)vitae_strmap_get(&es->by_alias, key, -1);
}

int32_t vitae_entities_resolve(const vitae_entities *es, int32_t id) {
  for (int guard = 0; id >= 0 && (size_t)id < es->n && es->items[id].same_as >= 0 && guard < 64; guard++)
    id = es->items[id].same_as;
  return id;
}

/* Whether an entity that does not stand for `to` has a name (label or
 * altLabel) whose key is key: a name ambiguous between it and `to` stays
 * ambiguous when another entity merges into `to`. */
static int another_has(const vitae_entities *es, int32_t to, const char *key) {
  char k[1100];
  for (size_t i = 0; i < es->n; i++) {
    const vitae_entity *e = &es->items[i];
    if (vitae_entities_resolve(es, (int32_t)i) == to) continue;
    for (size_t a = 0; a <= e->nalts; a++) {
      map_key((vitae_entity_type)e->type, a == 0 ? e->label : e->alts[a - 1].text, k, sizeof k);
      if (!strcmp(k, key)) return 1;
    }
  }
  return 0;
}

int vitae_entities_merge(vitae_entities *es, int32_t from, int32_t to) {
  from = vitae_entities_resolve(es, from);
  to = vitae_entities_resolve(es, to);
  if (from < 0 || to < 0 || from == to) return 0;
  vitae_entity *f = &es->items[from];
  f->same_as = to;
  if (vitae_entities_add_name(es, to, f->label, NULL, 0) != 0) return -1;
  for (size_t i = 0; i < f->nalts; i++)
    if (vitae_entities_add_name(es, to, f->alts[i].text, f->alts[i].lang, 0) != 0) return -1;
  /* names that found from, or that became ambiguous between the two, now find to */
  for (size_t i = 0; i < es->by_alias.cap; i++) {
    if (!es->by_alias.keys[i]) continue;
    if (es->by_alias.values[i] == from || es->by_alias.values[i] == -2) {
      if (es->by_alias.values[i] == -2) {
        /* only where the name is one of the two's own */
        int mine = 0;
        char key[1100];
        const vitae_entity *t = &es->items[to];
        for (size_t k = 0; k <= t->nalts && !mine; k++) {
          const char *name = k == 0 ? t->label : t->alts[k - 1].text;
          map_key(t->type, name, key, sizeof key);
          mine = !strcmp(key, es->by_alias.keys[i]);
        }
        if (!mine || another_has(es, to, es->by_alias.keys[i])) continue;
      }
      es->by_alias.values[i] = to;
    }
  }
  es->items[to].mentions += f->mentions;
  return 0;
}

void vitae_entities_free(vitae_entities *es) {
  for (size_t i = 0; i < es->n; i++) {
    vitae_entity *e = &es->items[i];
    free(e->label);
    free(e->key);
    free(e->cls);
    for (size_t k = 0; k < e->nalts; k++) free(e->alts[k].text);
    free(e->alts);
  }
  free(es->items);
  vitae_strmap_free(&es->by_key);
  vitae_strmap_free(&es->by_alias);
  memset(es, 0, sizeof *es);
}
