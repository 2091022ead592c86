// Colours of the charts, taken from the palette in app/globals.css. Data lines
// avoid the status colours, which are kept for thresholds and failures.
export const CHART = {
  grid: '#2a3441',
  axis: '#8b96a5',
  text: '#d7dde5',
  panel: '#1c2430',
  warning: '#e0a930',
  critical: '#f0605d',
  deploy: '#b8c2cf',
  blue: '#6ea8fe',
  violet: '#c58af9',
  teal: '#4fd1c5',
  failure: '#f0605d',
} as const;

export const TICK = { fill: CHART.axis, fontSize: 11 } as const;
