import { ruleBookJsonSchema } from "../../shared/rules/json-schema";
import { parseCommandArgs } from "../args";
import { EXIT, UsageError, type Command } from "../usage";

const help = `Usage: headroom schema

Prints the JSON Schema of a rule-book file. Editors such as VS Code use it (through "$schema"
at the top of each file) to complete and check rule files as you type.`;

export const schemaCommand: Command = {
  name: "schema",
  summary: "print the JSON Schema of rule-book files",
  help,
  async run(args) {
    const { positionals } = parseCommandArgs(args, {}, help);
    if (positionals.length > 0) throw new UsageError("schema takes no arguments", help);
    return {
      code: EXIT.ok,
      stdout: JSON.stringify(ruleBookJsonSchema(), null, 2) + "\n",
      stdoutIsData: true,
    };
  },
};
