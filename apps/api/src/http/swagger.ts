import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'api/docs';

/** Swagger UI at /api/docs and the OpenAPI document at /api/docs-json. */
export function setUpSwagger(app: INestApplication, version: string): void {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Trailmark API')
      .setDescription('Event-sourced activity tracker and audit log')
      .setVersion(version)
      .addBearerAuth()
      .addCookieAuth('trailmark_session')
      .build(),
  );
  SwaggerModule.setup(DOCS_PATH, app, document);
}
