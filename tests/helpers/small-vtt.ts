// No imports: the polling bench's feed server, a child process of its own, serves it too.
/** A short two-speaker WebVTT transcript: quick to split and extract, for tests about the plumbing. */
export const SMALL_VTT = `WEBVTT

00:00:01.000 --> 00:00:05.000
<v Jordan Schneider>Welcome to the show. China announced new export controls on rare earths.

00:00:05.000 --> 00:00:09.000
<v Chris Miller>They will raise prices by 20% next year, and the US should respond.

00:00:09.000 --> 00:00:12.000
<v Jordan Schneider>What does MOFCOM want?

00:00:12.000 --> 00:00:16.000
<v Chris Miller>Leverage before the summit.
`
