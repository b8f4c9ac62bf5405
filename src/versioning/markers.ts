/** PEP 508 environment marker, parsed into a tree that `evaluateMarker` can evaluate. */
export type MarkerExpression =
  | { type: 'and' | 'or'; left: MarkerExpression; right: MarkerExpression }
  | { type: 'compare'; left: MarkerValue; op: MarkerOperator; right: MarkerValue };

export type MarkerValue = { kind: 'variable'; name: string } | { kind: 'string'; value: string };

export type MarkerOperator = '<' | '<=' | '!=' | '==' | '>=' | '>' | '~=' | '===' | 'in' | 'not in';
