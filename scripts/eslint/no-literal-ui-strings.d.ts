import type { Rule } from 'eslint';

export declare const noLiteralUiStrings: Rule.RuleModule;
