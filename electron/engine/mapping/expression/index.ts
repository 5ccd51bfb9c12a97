/** The safe expression language of computed fields: see docs/mapping.md. */
export { ExpressionError, MAX_EXPRESSION_LENGTH } from './lexer.ts';
export { parseExpression, MAX_DEPTH, MAX_NODES, type Node } from './parser.ts';
export { compileExpression, HELPERS, MAX_STRING_LENGTH, MAX_LIST_LENGTH, type CompiledExpression, type EvaluationContext } from './evaluate.ts';
