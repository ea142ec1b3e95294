// The check-in bench's table: each figure, and its ratio to the goal where it has one
// (below 1.00x: inside the goal).

export interface TFigure {
  name: string;
  value: number;
  unit: string;
  /** The goal in the same unit (the figure should stay below it). */
  goal?: number;
}

/** Prints the figures as an aligned table. */
export function printFigures(figures: TFigure[]): void {
  const width = Math.max(...figures.map((figure) => figure.name.length));
  console.info(`\n${"figure".padEnd(width)} ${"value".padStart(12)}  ${"goal".padStart(10)} ${"of goal".padStart(8)}`);
  for (const figure of figures) {
    const value = `${figure.value.toFixed(figure.value < 10 ? 2 : 1)} ${figure.unit}`;
    const goal = figure.goal === undefined ? "" : `< ${figure.goal} ${figure.unit}`;
    const ratio = figure.goal === undefined ? "" : `${(figure.value / figure.goal).toFixed(2)}x`;
    console.info(`${figure.name.padEnd(width)} ${value.padStart(12)}  ${goal.padStart(10)} ${ratio.padStart(8)}`);
  }
}
