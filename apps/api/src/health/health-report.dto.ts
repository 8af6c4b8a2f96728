import { ApiProperty } from '@nestjs/swagger';

export type CheckStatus = 'up' | 'down';

export class HealthChecksDto {
  @ApiProperty({ enum: ['up', 'down'] })
  database!: CheckStatus;

  @ApiProperty({ enum: ['up', 'down'] })
  eventStore!: CheckStatus;
}

export class ProjectionLagDto {
  @ApiProperty({ example: 'activity-feed' })
  name!: string;

  @ApiProperty({ enum: ['ok', 'lagging'], description: 'lagging once lagMs is above lagDegradedMs' })
  status!: 'ok' | 'lagging';

  @ApiProperty({ example: 1200, description: 'Age in ms of the oldest event the projection has not applied yet; 0 when caught up' })
  lagMs!: number;

  @ApiProperty({ example: 37, description: 'Events not applied yet, counted up to 1000' })
  eventsBehind!: number;

  @ApiProperty({ description: 'True when more events are behind than were counted' })
  eventsBehindCapped!: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Last committed position; null before the first batch' })
  checkpoint!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Last event the projection listens to; null when there is none yet or when eventsBehindCapped' })
  head!: string | null;

  @ApiProperty({ type: Boolean, nullable: true, description: 'Whether this process applies the projection now; null where this process cannot tell' })
  active!: boolean | null;
}

export class HealthReportDto {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    description: 'degraded when a check is down (HTTP 503) or when a projection lags more than lagDegradedMs (still HTTP 200)',
  })
  status!: 'ok' | 'degraded';

  @ApiProperty({ enum: ['postgres', 'eventstoredb'] })
  eventStore!: 'postgres' | 'eventstoredb';

  @ApiProperty({ enum: ['embedded', 'external'] })
  database!: 'embedded' | 'external';

  @ApiProperty({ example: 42 })
  uptimeSeconds!: number;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ type: HealthChecksDto })
  checks!: HealthChecksDto;

  @ApiProperty({ example: 30_000, description: 'TRAILMARK_PROJECTION_LAG_DEGRADED_MS' })
  lagDegradedMs!: number;

  @ApiProperty({ type: [ProjectionLagDto], description: 'One entry per read model; empty when the lag could not be read in time' })
  projections!: ProjectionLagDto[];
}
