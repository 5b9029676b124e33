src_libvitae_la_SOURCES += \
	src/query/query.c src/query/query.h \
	src/query/internal.h \
	src/query/lex.c src/query/lex.h \
	src/query/rewrite.c src/query/rewrite.h \
	src/query/engine.c \
	src/query/closure.c src/query/closure.h \
	src/query/aligned.c src/query/aligned.h \
	src/query/snapshot.c src/query/snapshot.h \
	src/query/describe.c \
	src/query/dataset.c \
	src/query/results.c

# SPARQL answers against rdflib (tests/oracle.py) on tests/sparql/data.trig:
# tests/sparql/queries are compared, tests/sparql/refused must fail,
# tests/sparql/expected holds hand-checked answers where rdflib is wrong.
TESTS += tests/cli/sparql.sh
EXTRA_DIST += tests/cli/sparql.sh tests/sparql/data.trig tests/sparql/gen_optional.py
EXTRA_DIST += \
	tests/sparql/queries/01-optional-issue.rq \
	tests/sparql/queries/02-optional-braces.rq \
	tests/sparql/queries/03-optional-then-filter.rq \
	tests/sparql/queries/04-optional-swapped.rq \
	tests/sparql/queries/05-optional-deeper-column.rq \
	tests/sparql/queries/06-graph-join.rq \
	tests/sparql/queries/07-nested-optional.rq \
	tests/sparql/queries/08-union-optional.rq \
	tests/sparql/queries/09-optional-chain.rq \
	tests/sparql/queries/10-values-one-var.rq \
	tests/sparql/queries/11-values-trailing.rq \
	tests/sparql/queries/12-group-concat-separator.rq \
	tests/sparql/queries/13-group-concat-plain.rq \
	tests/sparql/queries/14-concat-str.rq \
	tests/sparql/queries/15-strafter-strbefore.rq \
	tests/sparql/queries/16-bind-concat.rq \
	tests/sparql/queries/17-filter-concat.rq \
	tests/sparql/queries/18-year-month-day.rq \
	tests/sparql/queries/19-year-filter.rq \
	tests/sparql/queries/20-count-empty.rq \
	tests/sparql/queries/21-aggregates-empty.rq \
	tests/sparql/queries/22-empty-columns.rq \
	tests/sparql/queries/23-default-graph-is-a-set.rq \
	tests/sparql/queries/24-count-default-graph.rq \
	tests/sparql/queries/25-graph-list.rq \
	tests/sparql/queries/26-bind-error-keeps-row.rq \
	tests/sparql/queries/27-two-counts.rq \
	tests/sparql/queries/28-two-maxes.rq \
	tests/sparql/queries/29-lang-compare.rq \
	tests/sparql/queries/30-string-compare.rq \
	tests/sparql/queries/31-isnumeric.rq \
	tests/sparql/queries/32-order-desc-unbound.rq \
	tests/sparql/queries/33-order-limit-offset.rq \
	tests/sparql/queries/34-regex-digit.rq \
	tests/sparql/queries/35-regex-flags.rq \
	tests/sparql/queries/36-subquery-empty-aggregate.rq \
	tests/sparql/queries/37-bind-before-pattern.rq \
	tests/sparql/queries/38-in-list.rq \
	tests/sparql/queries/39-not-in.rq \
	tests/sparql/queries/40-iri-equality.rq \
	tests/sparql/queries/41-date-compare.rq \
	tests/sparql/queries/42-numeric-compare.rq \
	tests/sparql/queries/43-blank-nodes.rq \
	tests/sparql/queries/44-distinct.rq \
	tests/sparql/queries/45-having.rq \
	tests/sparql/queries/46-coalesce-if.rq \
	tests/sparql/queries/47-langmatches.rq \
	tests/sparql/queries/48-strings.rq \
	tests/sparql/queries/49-graph-named.rq \
	tests/sparql/queries/50-graph-iri.rq \
	tests/sparql/queries/51-not-a-path.rq \
	tests/sparql/queries/52-ask-true.rq \
	tests/sparql/queries/53-ask-false.rq \
	tests/sparql/queries/54-optional-filter-left-var.rq \
	tests/sparql/queries/55-bind-chain.rq \
	tests/sparql/queries/56-order-by-expression.rq \
	tests/sparql/queries/57-sum-by-group.rq \
	tests/sparql/queries/58-construct.rq \
	tests/sparql/queries/59-describe-iri.rq \
	tests/sparql/queries/60-describe-var.rq \
	tests/sparql/queries/61-empty-group-concat.rq \
	tests/sparql/queries/62-subquery-join.rq \
	tests/sparql/queries/63-subquery-optional.rq \
	tests/sparql/queries/64-count-unbound.rq \
	tests/sparql/queries/65-avg-unbound.rq \
	tests/sparql/queries/66-filter-scope.rq \
	tests/sparql/queries/67-mixed-types-compare.rq \
	tests/sparql/queries/68-concat-aggregate.rq \
	tests/sparql/queries/69-group-concat-nested.rq \
	tests/sparql/queries/70-group-concat-subquery.rq \
	tests/sparql/queries/71-group-by-empty.rq \
	tests/sparql/queries/72-group-unbound-key.rq \
	tests/sparql/queries/73-count-distinct-computed.rq \
	tests/sparql/queries/74-base.rq \
	tests/sparql/queries/75-graph-ground-triple.rq \
	tests/sparql/queries/76-graph-missing.rq \
	tests/sparql/queries/77-union-bind-first.rq \
	tests/sparql/queries/78-union-bind-second.rq \
	tests/sparql/queries/79-union-values-branch.rq \
	tests/sparql/queries/80-union-values-pattern.rq \
	tests/sparql/queries/81-union-optional-bind.rq \
	tests/sparql/queries/82-union-nested-bind.rq \
	tests/sparql/queries/83-union-bind-filter.rq \
	tests/sparql/queries/84-union-bind-filter-branch.rq \
	tests/sparql/queries/85-union-bind-then-pattern.rq \
	tests/sparql/queries/86-union-bind-then-optional.rq \
	tests/sparql/queries/87-union-bind-after-pattern.rq \
	tests/sparql/queries/88-values-undef-join.rq
EXTRA_DIST += \
	tests/sparql/refused/bind-outer-variable.rq \
	tests/sparql/refused/clear.rq \
	tests/sparql/refused/delete-where.rq \
	tests/sparql/refused/exists-in-expression.rq \
	tests/sparql/refused/filter-exists.rq \
	tests/sparql/refused/filter-not-exists.rq \
	tests/sparql/refused/from-named.rq \
	tests/sparql/refused/from.rq \
	tests/sparql/refused/insert-data.rq \
	tests/sparql/refused/load.rq \
	tests/sparql/refused/minus.rq \
	tests/sparql/refused/nested-optional-outer-var.rq \
	tests/sparql/refused/path-alternative.rq \
	tests/sparql/refused/path-group.rq \
	tests/sparql/refused/path-in-blank-node.rq \
	tests/sparql/refused/path-inverse.rq \
	tests/sparql/refused/path-negated.rq \
	tests/sparql/refused/path-optional.rq \
	tests/sparql/refused/path-plus.rq \
	tests/sparql/refused/path-sequence.rq \
	tests/sparql/refused/path-star.rq \
	tests/sparql/refused/regex-unicode-class.rq \
	tests/sparql/refused/replace-group-reference.rq \
	tests/sparql/refused/service.rq \
	tests/sparql/refused/subquery-blank-nodes.rq \
	tests/sparql/refused/subquery-in-graph.rq
EXTRA_DIST += \
	tests/sparql/expected/55-bind-chain.txt \
	tests/sparql/expected/62-subquery-join.txt \
	tests/sparql/expected/63-subquery-optional.txt \
	tests/sparql/expected/66-filter-scope.txt \
	tests/sparql/expected/67-mixed-types-compare.txt

# Queries run inside Virtuoso for the virtuoso: backend.
src_libvitae_la_SOURCES += src/query/remote.c src/query/remote.h
