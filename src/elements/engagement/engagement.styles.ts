import { reportSectionStyles } from '../metric/report-section.styles.js';

export const engagementStyles = [...reportSectionStyles];
